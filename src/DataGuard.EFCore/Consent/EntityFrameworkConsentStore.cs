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
        var records = new List<ConsentRecord>(2);
        var subject = subjectId.Value;
        var rows = context.Set<ConsentRecordRow>().AsNoTracking();

        // One indexed query for a check: the newest row of the purpose and the newest subject-wide row (restriction).
        // Not a compiled query: those are bound to one model, and one context type may run against several providers.
        var query = rows.Where(r => r.SubjectId == subject && r.Purpose == purpose).OrderByDescending(r => r.Id).Take(1)
            .Concat(rows.Where(r => r.SubjectId == subject && r.Purpose == ConsentRecord.AllPurposes).OrderByDescending(r => r.Id).Take(1));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(row.ToRecord());
        }

        return records;
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
