using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Consent;

/// <summary>
/// Keeps consent records in the application's own context (the one named by <c>UseEntityFrameworkStores</c>). Reads
/// are no-tracking and go to the database every time: no cache can serve a withdrawn consent. Every record is written
/// for, and every read sees only, the tenant of <see cref="ITenantContext.Current"/> (rows without a tenant when there
/// is none).
/// </summary>
/// <remarks>Appending saves the context, like ASP.NET Core Identity's stores do: changes the application has pending
/// on the same scoped context are saved with the record, in one transaction.</remarks>
internal sealed partial class EntityFrameworkConsentStore<TContext>(TContext context, ITenantContext tenants) : IConsentStore
    where TContext : DbContext
{
    // Compiled queries skip EF Core's per-call expression building and cache lookup, which cost more than the SQL
    // itself here. A compiled query is bound to one model, and one context type can run against several providers
    // (so several models), hence one per model, kept on the model.
    private static readonly string LatestQueryAnnotation = "DataGuard:ConsentLatestQuery:" + typeof(TContext).FullName;
    private static readonly string HistoryQueryAnnotation = "DataGuard:ConsentHistoryQuery:" + typeof(TContext).FullName;

    public async ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = ConsentRecordRow.From(record);
        row.SubjectId = Canonical(record.SubjectId).Value;
        row.TenantId = tenants.Current;
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
        var query = context.Model.GetOrAddRuntimeAnnotationValue(LatestQueryAnnotation, static _ => CompileLatest(), (object?)null);
        ConsentRecordRow? latest = null, restriction = null;
        var rows = query(context, tenants.Current, Canonical(subjectId).Value, purpose);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
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
        var query = context.Model.GetOrAddRuntimeAnnotationValue(HistoryQueryAnnotation, static _ => CompileHistory(), (object?)null);
        var records = new List<ConsentRecord>();
        await foreach (var row in query(context, tenants.Current, Canonical(subjectId).Value).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(row.ToRecord());
        }

        return records;
    }

    /// <summary>
    /// The check: one query over two ranges of the (SubjectId, Purpose, Id) index, the purpose's rows and the subject's
    /// restriction rows. The newest of each is picked by Id in memory rather than with ORDER BY/LIMIT (a sort on every
    /// check) or a UNION ALL of two "top 1" subqueries (EF Core's set-operation overhead); a subject's history of one
    /// purpose is short.
    /// </summary>
    private static Func<TContext, string?, string, string, IAsyncEnumerable<ConsentRecordRow>> CompileLatest() =>
        EF.CompileAsyncQuery<TContext, string?, string, string, ConsentRecordRow>(static (TContext db, string? tenant, string subject, string purpose) =>
            db.Set<ConsentRecordRow>().AsNoTracking()
                .Where(r => r.TenantId == tenant && r.SubjectId == subject && (r.Purpose == purpose || r.Purpose == ConsentRecord.AllPurposes)));

    private static Func<TContext, string?, string, IAsyncEnumerable<ConsentRecordRow>> CompileHistory() =>
        EF.CompileAsyncQuery<TContext, string?, string, ConsentRecordRow>(static (TContext db, string? tenant, string subject) =>
            db.Set<ConsentRecordRow>().AsNoTracking()
                .Where(r => r.TenantId == tenant && r.SubjectId == subject)
                .OrderBy(r => r.Id));

    /// <summary>The model's one spelling of the id; text that cannot be a subject of the model is refused.</summary>
    private SubjectId Canonical(SubjectId subjectId) => context.Model.GetPersonalDataModel().SubjectIds.Canonicalize(subjectId, nameof(subjectId));
}
