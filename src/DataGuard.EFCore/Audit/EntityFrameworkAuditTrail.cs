using DataGuard.Audit;
using DataGuard.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>The <see cref="IAuditTrail"/> of DataGuard's own operations (consent, keys, retention, exports): each event
/// is appended in a transaction of its own on the store context, stamped with the ambient actor and correlation id.</summary>
internal sealed class EntityFrameworkAuditTrail(IServiceScopeFactory scopes, DataGuardStoreRegistration store, IAuditContext auditContext, TimeProvider time) : IAuditTrail
{
    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await AppendAsync([AuditRecord.From(auditEvent, auditContext, time.GetUtcNow())], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends records in one transaction of their own, retried as a whole under a retrying execution strategy.</summary>
    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, records),
            static async (_, state, ct) =>
            {
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await AuditChainAppender.AppendAsync(state.db, state.records, async: true, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }
}
