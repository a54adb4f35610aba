namespace DataGuard.Subjects.Requests;

/// <summary>
/// A data-subject request (DSAR) as it stands: what the subject asked for, where it is in its lifecycle, its deadline and
/// its history. Instances are immutable snapshots; <see cref="ISubjectRequestService"/> returns a new one for every change.
/// </summary>
/// <remarks>Stores create instances when they read requests back; applications get them from
/// <see cref="ISubjectRequestService"/>.</remarks>
public sealed class SubjectRequest
{
    /// <summary>The request's id; random, so that ids cannot be guessed from one another.</summary>
    public required Guid Id { get; init; }

    /// <summary>The data subject the request is about.</summary>
    public required SubjectId SubjectId { get; init; }

    /// <summary>What the subject asks for.</summary>
    public required SubjectRequestKind Kind { get; init; }

    /// <summary>Where the request stands.</summary>
    public required SubjectRequestStatus Status { get; init; }

    /// <summary>When the request was received, in UTC.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the answer is due, in UTC: <see cref="ReceivedAt"/> plus
    /// <see cref="SubjectRequestOptions.ResponseTime"/>, plus the extension if the deadline was extended.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Every change, oldest first; the first is always <see cref="SubjectRequestAction.Received"/>.</summary>
    public required IReadOnlyList<SubjectRequestChange> History { get; init; }

    /// <summary>The request's version for optimistic concurrency: the number of entries in <see cref="History"/>. Every
    /// change adds one, so a change made from a stale snapshot is detected.</summary>
    public int Version => History.Count;

    /// <summary>Whether the request still needs an answer (neither <see cref="SubjectRequestStatus.Completed"/> nor
    /// <see cref="SubjectRequestStatus.Rejected"/>).</summary>
    public bool IsOpen => Status is not (SubjectRequestStatus.Completed or SubjectRequestStatus.Rejected);

    /// <summary>Whether the deadline was extended (it can be, once).</summary>
    public bool IsExtended => Find(SubjectRequestAction.DeadlineExtended) is not null;

    /// <summary>When the request was completed or rejected, or <see langword="null"/> while it is open.</summary>
    public DateTimeOffset? ClosedAt => IsOpen ? null : History[^1].At;

    /// <summary>Why the request was rejected, or <see langword="null"/> when it was not.</summary>
    public string? RejectionReason => Status == SubjectRequestStatus.Rejected ? Find(SubjectRequestAction.Rejected)?.Reason : null;

    /// <summary>Whether the request is open and its deadline has passed at <paramref name="now"/>.</summary>
    /// <param name="now">The time to judge by, usually <see cref="TimeProvider.GetUtcNow"/>.</param>
    /// <returns><see langword="true"/> when the request is overdue.</returns>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt < now;

    private SubjectRequestChange? Find(SubjectRequestAction action)
    {
        foreach (var change in History)
        {
            if (change.Action == action)
            {
                return change;
            }
        }

        return null;
    }
}
