namespace DataGuard.Subjects.Requests;

/// <summary>
/// The queries a queue of open requests needs without reading every open request: one page at a time in deadline order
/// with a keyset cursor, and counts. Implemented by the EF Core request store, whose index on status and deadline makes
/// each page cost the same however many requests the table holds; other stores are paged in memory by the console.
/// </summary>
internal interface IOpenRequestQueries
{
    /// <summary>Open requests (neither completed nor rejected) matching <paramref name="query"/>, ordered by deadline
    /// and then id, after the query's cursor.</summary>
    /// <param name="query">Filters, cursor and page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most <see cref="OpenRequestQuery.Take"/> requests, without their history.</returns>
    ValueTask<IReadOnlyList<OpenRequest>> GetOpenPageAsync(OpenRequestQuery query, CancellationToken cancellationToken);

    /// <summary>How many requests are open, counting only those due before <paramref name="dueBefore"/> when it is set.</summary>
    /// <param name="dueBefore">Only deadlines before this instant, or every open request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountOpenAsync(DateTimeOffset? dueBefore, CancellationToken cancellationToken);
}
