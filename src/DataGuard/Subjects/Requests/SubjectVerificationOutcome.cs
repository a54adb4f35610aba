namespace DataGuard.Subjects.Requests;

/// <summary>What an <see cref="ISubjectVerifier"/> decided.</summary>
public enum SubjectVerificationOutcome
{
    /// <summary>The requester is the subject; the request goes ahead.</summary>
    Verified,

    /// <summary>Not decided yet (for example, a confirmation e-mail was sent); the request stays received.</summary>
    Pending,

    /// <summary>The requester could not be verified; the request is rejected with the reason.</summary>
    Rejected,
}
