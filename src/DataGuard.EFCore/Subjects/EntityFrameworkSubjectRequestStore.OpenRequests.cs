using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// The open-request queue read a page at a time. Each open status is one range of the (status, deadline) index, read from
/// the cursor and cut after a page; the database merges the three short lists and cuts again. Closed requests, which
/// pile up over the years, are never read, so a page costs the same however large the table grows. Only the current
/// tenant's requests are paged and counted (the index leads with the tenant).
/// </summary>
internal sealed partial class EntityFrameworkSubjectRequestStore<TContext> : IOpenRequestQueries
    where TContext : DbContext
{
    private static readonly SubjectRequestStatus[] OpenStatuses = [
        SubjectRequestStatus.Received, SubjectRequestStatus.IdentityVerified, SubjectRequestStatus.InProgress];

    public async ValueTask<IReadOnlyList<OpenRequest>> GetOpenPageAsync(OpenRequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Take);
        IQueryable<SubjectRequestRow>? merged = null;
        foreach (var status in OpenStatuses)
        {
            var range = OpenRange(status, query);
            merged = merged is null ? range : merged.Concat(range);
        }

        var rows = await merged!
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(query.Take)
            .Select(static r => new { r.Id, r.SubjectId, r.Kind, r.Status, r.ReceivedAt, r.DueAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(static r => new OpenRequest(
            r.Id, new SubjectId(r.SubjectId), r.Kind, r.Status, SubjectRequestRow.Utc(r.ReceivedAt), SubjectRequestRow.Utc(r.DueAt)))];
    }

    public async ValueTask<long> CountOpenAsync(DateTimeOffset? dueBefore, CancellationToken cancellationToken)
    {
        var open = Rows().Where(r => OpenStatuses.Contains(r.Status));
        if (dueBefore is { } before)
        {
            var cutoff = before.UtcDateTime;
            open = open.Where(r => r.DueAt < cutoff);
        }

        return await open.LongCountAsync(cancellationToken).ConfigureAwait(false);
    }

    private IQueryable<SubjectRequestRow> OpenRange(SubjectRequestStatus status, OpenRequestQuery query)
    {
        var rows = Rows().Where(r => r.Status == status);
        if (query.Kind is { } kind)
        {
            rows = rows.Where(r => r.Kind == kind);
        }

        if (query.DueBefore is { } before)
        {
            var cutoff = before.UtcDateTime;
            rows = rows.Where(r => r.DueAt < cutoff);
        }

        if (query.After is { } after)
        {
            // A range seek on the deadline; the id only breaks ties between equal deadlines.
            var due = after.DueAt.UtcDateTime;
            var id = after.Id;
            rows = rows.Where(r => r.DueAt >= due && (r.DueAt > due || r.Id.CompareTo(id) > 0));
        }

        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(query.Take);
    }
}
