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
    // One indexed query for a check: the newest row of the purpose and the newest subject-wide row (restriction).
    private static readonly Func<TContext, string, string, IAsyncEnumerable<ConsentRecordRow>> Latest = EF.CompileAsyncQuery<TContext, string, string, ConsentRecordRow>(
        static (TContext db, string subject, string purpose) =>
            db.Set<ConsentRecordRow>().AsNoTracking()
                .Where(r => r.SubjectId == subject && r.Purpose == purpose)
                .OrderByDescending(r => r.Id)
                .Take(1)
                .Concat(db.Set<ConsentRecordRow>().AsNoTracking()
                    .Where(r => r.SubjectId == subject && r.Purpose == ConsentRecord.AllPurposes)
                    .OrderByDescending(r => r.Id)
                    .Take(1)));

    private static readonly Func<TContext, string, IAsyncEnumerable<ConsentRecordRow>> History = EF.CompileAsyncQuery<TContext, string, ConsentRecordRow>(
        static (TContext db, string subject) =>
            db.Set<ConsentRecordRow>().AsNoTracking()
                .Where(r => r.SubjectId == subject)
                .OrderBy(r => r.Id));

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
        await foreach (var row in Latest(context, subjectId.Value, purpose).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(row.ToRecord());
        }

        return records;
    }

    public async ValueTask<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        var records = new List<ConsentRecord>();
        await foreach (var row in History(context, subjectId.Value).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(row.ToRecord());
        }

        return records;
    }
}
