using DataGuard.Model;
using DataGuard.Subjects.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>Erasure reports kept next to the requests, in <c>DataGuardErasureReports</c>, each with its request's
/// tenant: a report is found only from the tenant it was stored for.</summary>
internal sealed partial class EntityFrameworkSubjectRequestStore<TContext> : IErasureReportStore
    where TContext : DbContext
{
    public async ValueTask SaveReportAsync(StoredErasureReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Request ids are random and unique across tenants: a report stored before under this id is kept, whoever's it is.
        if (await context.Set<ErasureReportRow>().AsNoTracking().AnyAsync(r => r.RequestId == report.RequestId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var entry = context.Add(new ErasureReportRow
        {
            RequestId = report.RequestId,
            TenantId = tenants.Current,
            CreatedAt = report.CreatedAt.UtcDateTime,
            Json = report.Json,
            Signature = report.Signature,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    public async ValueTask<StoredErasureReport?> FindReportAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current;
        var row = await context.Set<ErasureReportRow>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.RequestId == requestId && r.TenantId == tenant, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new StoredErasureReport(row.RequestId, row.Json, row.Signature, SubjectRequestRow.Utc(row.CreatedAt));
    }
}
