using DataGuard.Consent;

namespace DataGuard.Audit;

/// <summary>One level of <see cref="AuditContext"/>. Actor, purpose and correlation id never change, so a frame
/// captured by a child task stays valid; <see cref="Transactions"/> is the one shared, thread-safe part: the store
/// transactions opened while the frame was current, which <c>IAuditTrail.RecordAsync</c> enlists in.</summary>
internal sealed class AuditContextFrame(string? actor, string? purpose, string? correlationId, AuditContextFrame? parent)
{
    public string? Actor { get; } = actor;

    public string? Purpose { get; } = purpose;

    public string? CorrelationId { get; } = correlationId;

    public AuditContextFrame? Parent { get; } = parent;

    public AuditScopeTransactions Transactions { get; } = new();
}
