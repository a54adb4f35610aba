using Microsoft.EntityFrameworkCore;

namespace DataGuard.EntityFrameworkCore.Consent;

/// <summary>
/// Keeps consent records in the application's own context (the one named by <c>UseEntityFrameworkStores</c>). Reads
/// are no-tracking and go to the database every time: no cache can serve a withdrawn consent.
/// </summary>
/// <remarks>Appending saves the context, like ASP.NET Core Identity's stores do: changes the application has pending
/// on the same scoped context are saved with the record, in one transaction.</remarks>
internal sealed class EntityFrameworkConsentStore<TContext>(TContext context) : IConsentStore
    where TContext : DbContext
{
    public async ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = ConsentRecordRow.From(record);
        var entry = context.Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Records are append-only: nothing to track once written (or once the write failed).
            entry.State = EntityState.Detached;
        }
    }

    public async ValueTask<IReadOnlyList<ConsentRecord>> GetLatestAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var subject = subjectId.Value;

        // One query, one index range per purpose: (SubjectId, Purpose) = (subject, purpose) or (subject, "*"). The newest
        // row of each is picked here by Id rather than with ORDER BY/LIMIT or a UNION of two "top 1" subqueries, which
        // cost SQLite a sort or EF Core a set operation on every check; a subject's history of one purpose is short.
        // Not a compiled query: those are bound to one model, and one context type may run against several providers.
        ConsentRecordRow? latest = null, restriction = null;
        var query = context.Set<ConsentRecordRow>().AsNoTracking()
            .Where(r => r.SubjectId == subject && (r.Purpose == purpose || r.Purpose == ConsentRecord.AllPurposes));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(row.Purpose, ConsentRecord.AllPurposes, StringComparison.Ordinal))
            {
                restriction = restriction is null || row.Id > restriction.Id ? row : restriction;
            }
            else if (latest is null || row.Id > latest.Id)
            {
                latest = row;
            }
        }

        return (latest, restriction) switch
        {
            (null, null) => [],
            ({ } only, null) => [only.ToRecord()],
            (null, { } only) => [only.ToRecord()],
            var (first, second) => [first.ToRecord(), second.ToRecord()],
        };
    }

    public async ValueTask<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        var records = new List<ConsentRecord>();
        var subject = subjectId.Value;
        var query = context.Set<ConsentRecordRow>().AsNoTracking().Where(r => r.SubjectId == subject).OrderBy(r => r.Id);
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(row.ToRecord());
        }

        return records;
    }
}
