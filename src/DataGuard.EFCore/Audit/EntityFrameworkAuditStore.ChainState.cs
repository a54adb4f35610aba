using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>The current tenant's chain head and latest checkpoint for the console's status: two single-row reads by key.</summary>
internal sealed partial class EntityFrameworkAuditStore : IAuditChainStatusReader
{
    public async Task<AuditChainState> ReadChainStateAsync(CancellationToken cancellationToken)
    {
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        var tenant = AuditTenant.Current(db);
        var head = await db.Set<AuditHeadRecord>().AsNoTracking()
            .Where(h => h.TenantId == tenant).Select(h => (long?)h.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var checkpoint = await db.Set<AuditCheckpointRecord>().AsNoTracking()
            .Where(c => c.TenantId == tenant).OrderByDescending(c => c.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return checkpoint is null
            ? new AuditChainState(head ?? 0, null, null, null)
            : new AuditChainState(
                head ?? 0, checkpoint.Sequence, new DateTimeOffset(DateTime.SpecifyKind(checkpoint.CreatedAt, DateTimeKind.Utc)), checkpoint.SignedData);
    }
}
