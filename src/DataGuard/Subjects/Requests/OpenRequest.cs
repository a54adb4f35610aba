namespace DataGuard.Subjects.Requests;

/// <summary>An open request as a queue shows it: what it is and when it is due, without its history.</summary>
internal sealed record OpenRequest(
    Guid Id,
    SubjectId SubjectId,
    SubjectRequestKind Kind,
    SubjectRequestStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt)
{
    /// <summary>The request's place in the queue, for the cursor of the next page.</summary>
    public OpenRequestCursor Cursor => new(DueAt, Id);

    /// <summary>Whether the deadline has passed at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => DueAt < now;

    /// <summary>The queue's view of a full request.</summary>
    public static OpenRequest From(SubjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.SubjectId, request.Kind, request.Status, request.ReceivedAt, request.DueAt);
    }
}
