using DataGuard.Subjects.Requests;

namespace DataGuard.AspNetCore.Requests;

/// <summary>A request as the request routes show it to its own subject. Actors stay out: they may name staff.</summary>
internal sealed record SubjectRequestResponse(
    Guid Id,
    string Kind,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    bool Extended,
    bool Overdue,
    DateTimeOffset? ClosedAt,
    string? RejectionReason,
    IReadOnlyList<SubjectRequestChangeResponse> History)
{
    public static SubjectRequestResponse From(SubjectRequest request, DateTimeOffset now) => new(
        request.Id,
        request.Kind.ToString(),
        request.Status.ToString(),
        request.ReceivedAt,
        request.DueAt,
        request.IsExtended,
        request.IsOverdue(now),
        request.ClosedAt,
        request.RejectionReason,
        [.. request.History.Select(static c => new SubjectRequestChangeResponse(c.Action.ToString(), c.At, c.Reason))]);
}
