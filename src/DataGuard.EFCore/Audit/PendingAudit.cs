using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>The changes of one SaveChanges call waiting for it to succeed, with the transaction the interceptor opened
/// when the application had none (null when the application's own transaction is used), and the context's savepoint
/// setting to restore when the save ends.</summary>
internal sealed class PendingAudit(List<PendingAuditChange> changes, IDbContextTransaction? ownedTransaction, bool autoSavepoints, string? actor, string? purpose, string? correlationId)
{
    public List<PendingAuditChange> Changes { get; } = changes;
    public IDbContextTransaction? OwnedTransaction { get; } = ownedTransaction;
    public bool AutoSavepoints { get; } = autoSavepoints;
    public string? Actor { get; } = actor;
    public string? Purpose { get; } = purpose;
    public string? CorrelationId { get; } = correlationId;
}
