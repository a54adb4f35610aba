namespace DataGuard.Subjects.Requests;

/// <summary>The answer of an <see cref="ISubjectVerifier"/>.</summary>
public sealed class SubjectVerification
{
    private const int MaxReasonLength = 500;

    private SubjectVerification(SubjectVerificationOutcome outcome, string? reason)
    {
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>The requester is the subject.</summary>
    public static SubjectVerification Verified { get; } = new(SubjectVerificationOutcome.Verified, null);

    /// <summary>What was decided.</summary>
    public SubjectVerificationOutcome Outcome { get; }

    /// <summary>Why the request is pending or rejected; shown to the subject, so it holds no personal data.</summary>
    public string? Reason { get; }

    /// <summary>Not decided yet: the request waits for more proof.</summary>
    /// <param name="reason">What the subject has to do, for example "confirm the link sent to your e-mail address".</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is longer than 500 characters.</exception>
    public static SubjectVerification Pending(string? reason = null) => new(SubjectVerificationOutcome.Pending, Checked(reason));

    /// <summary>The requester could not be verified.</summary>
    /// <param name="reason">Why, without personal data; 1 to 500 characters.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or too long.</exception>
    public static SubjectVerification Rejected(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(SubjectVerificationOutcome.Rejected, Checked(reason));
    }

    private static string? Checked(string? reason) => reason?.Length > MaxReasonLength
        ? throw new ArgumentException($"A verification reason has at most {MaxReasonLength} characters.", nameof(reason))
        : reason;
}
