using DataGuard.Subjects.Requests;

namespace DataGuard.Diagnostics;

/// <summary>How many subject requests are open, overdue, and due within a warning period, read from the request store.</summary>
internal sealed record SubjectRequestCounts(long Open, long Overdue, long DueSoon)
{
    public static async Task<SubjectRequestCounts> ReadAsync(
        ISubjectRequestStore store,
        DateTimeOffset now,
        TimeSpan warning,
        CancellationToken cancellationToken)
    {
        // The store lists open requests due before an instant; every deadline lies within the longest response time
        // plus the longest extension after receipt, so this horizon lists every open request.
        var horizon = now + (SubjectRequestOptions.MaxPeriod * 3);
        var open = await store.GetOverdueAsync(horizon, cancellationToken).ConfigureAwait(false);
        return new SubjectRequestCounts(
            open.Count,
            open.Count(r => r.DueAt < now),
            open.Count(r => r.DueAt >= now && r.DueAt < now + warning));
    }
}
