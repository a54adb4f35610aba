using DataGuard.Audit;
using DataGuard.Consent;

namespace DataGuard.EFCore.Audit;

/// <summary>The changes of one SaveChanges call waiting for it to succeed, with the transaction the interceptor opened
/// when the application had none (null when the application's own transaction is used) and the audit context of the
/// call.</summary>
internal sealed class PendingAudit(List<PendingAuditChange> changes, AuditOwnedTransaction? ownedTransaction, IAuditContext auditContext)
{
    private readonly string? _actor = auditContext.Actor;
    private readonly string? _purpose = auditContext.Purpose;
    private readonly string? _correlationId = auditContext.CorrelationId;

    public List<PendingAuditChange> Changes { get; } = changes;

    public AuditOwnedTransaction? OwnedTransaction { get; } = ownedTransaction;

    /// <summary>The records of the changes, once the save has given them their keys and subjects.</summary>
    public List<AuditRecord> Records(DateTimeOffset now)
    {
        var records = new List<AuditRecord>(Changes.Count);
        foreach (var change in Changes)
        {
            records.Add(new AuditRecord(
                now,
                change.Action,
                _actor,
                change.Subject,
                change.Type.Name,
                change.RereadAfterSave ? change.Type.Key(change.Entry) : change.Key,
                change.Properties,
                _purpose,
                _correlationId,
                null,
                change.Changes));
        }

        return records;
    }
}
