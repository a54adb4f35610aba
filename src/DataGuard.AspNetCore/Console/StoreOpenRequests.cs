using DataGuard.Subjects.Requests;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The open-request queue of a store that cannot page it itself (the in-memory store, or an application's own): every
/// open request is read and paged here. The EF Core store pages in the database instead (<see cref="IOpenRequestQueries"/>).
/// </summary>
internal sealed class StoreOpenRequests(ISubjectRequestStore store) : IOpenRequestQueries
{
    public static IOpenRequestQueries For(ISubjectRequestStore store) => store as IOpenRequestQueries ?? new StoreOpenRequests(store);

    public async ValueTask<IReadOnlyList<OpenRequest>> GetOpenPageAsync(OpenRequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var open = await ReadOpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. open
            .Where(r => query.Kind is null || r.Kind == query.Kind)
            .Where(r => query.DueBefore is null || r.DueAt < query.DueBefore)
            .Where(r => query.After is not { } after || r.DueAt > after.DueAt || (r.DueAt == after.DueAt && r.Id.CompareTo(after.Id) > 0))
            .OrderBy(static r => r.DueAt).ThenBy(static r => r.Id)
            .Take(query.Take)
            .Select(OpenRequest.From)];
    }

    public async ValueTask<long> CountOpenAsync(DateTimeOffset? dueBefore, CancellationToken cancellationToken)
        => (await ReadOpenAsync(cancellationToken).ConfigureAwait(false)).Count(r => dueBefore is null || r.DueAt < dueBefore);

    // Every open request is "overdue" at the end of time.
    private ValueTask<IReadOnlyList<SubjectRequest>> ReadOpenAsync(CancellationToken cancellationToken)
        => store.GetOverdueAsync(DateTimeOffset.MaxValue, cancellationToken);
}
