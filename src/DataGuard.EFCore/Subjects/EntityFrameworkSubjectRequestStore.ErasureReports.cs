using DataGuard.Model;
using DataGuard.Subjects.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>Erasure reports kept next to the requests, in <c>DataGuardErasureReports</c>.</summary>
internal sealed partial class EntityFrameworkSubjectRequestStore<TContext> : IErasureReportStore
    where TContext : DbContext
{
    public async ValueTask SaveReportAsync(StoredErasureReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await context.Set<ErasureReportRow>().AsNoTracking().AnyAsync(r => r.RequestId == report.RequestId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var entry = context.Add(new ErasureReportRow
        {
            RequestId = report.RequestId,
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
        var row = await context.Set<ErasureReportRow>()
            .AsNoTracking()
            .FirstOrDefaultAsync(r => r.RequestId == requestId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new StoredErasureReport(row.RequestId, row.Json, row.Signature, SubjectRequestRow.Utc(row.CreatedAt));
    }
}
