namespace DataGuard.Subjects.Requests;

/// <summary>One entry of a request's history: what changed, when, by whom and why.</summary>
public sealed class SubjectRequestChange
{
    /// <summary>What changed.</summary>
    public required SubjectRequestAction Action { get; init; }

    /// <summary>When, in UTC, from the registered <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who made the change: the subject, a staff member, a verifier, a job.</summary>
    public required string Actor { get; init; }

    /// <summary>The reason, for <see cref="SubjectRequestAction.Rejected"/> and
    /// <see cref="SubjectRequestAction.DeadlineExtended"/>; shown to the subject, so it holds no personal data.</summary>
    public string? Reason { get; init; }
}
