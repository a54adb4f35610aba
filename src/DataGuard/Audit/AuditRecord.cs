using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Audit;

/// <summary>An entry's content before the chain gives it a sequence number and hashes: what an appender is handed.</summary>
internal sealed record AuditRecord(
    DateTimeOffset Timestamp,
    string Action,
    string? Actor,
    string? SubjectId,
    string? EntityType,
    string? EntityKey,
    IReadOnlyList<string>? Properties,
    string? Purpose,
    string? CorrelationId,
    string? Details,
    IReadOnlyList<AuditValueChange>? Changes = null)
{
    /// <summary>Builds the record of an <see cref="AuditEvent"/> with the ambient actor, purpose and correlation id.</summary>
    public static AuditRecord From(AuditEvent auditEvent, IAuditContext? context, DateTimeOffset now) => new(
        AuditChain.Truncate(now),
        auditEvent.Action,
        context?.Actor,
        auditEvent.SubjectId?.Value,
        auditEvent.EntityType,
        auditEvent.EntityKey,
        auditEvent.Properties is { Count: > 0 } properties ? properties : null,
        auditEvent.Purpose ?? context?.Purpose,
        context?.CorrelationId,
        auditEvent.Details);

    /// <summary>Seals the record as the entry after <paramref name="previousHash"/> at <paramref name="sequence"/> of the
    /// chain of <paramref name="tenantId"/> (null: the platform's chain).</summary>
    public AuditEntry Seal(long sequence, ReadOnlyMemory<byte> previousHash, string? tenantId = null) => new()
    {
        TenantId = tenantId,
        Sequence = sequence,
        Timestamp = Timestamp,
        Action = Action,
        Actor = Actor,
        SubjectId = SubjectId,
        EntityType = EntityType,
        EntityKey = EntityKey,
        Properties = Properties,
        Purpose = Purpose,
        CorrelationId = CorrelationId,
        Details = Details,
        Changes = Changes is { Count: > 0 } ? Changes : null,
        PreviousHash = previousHash,
        Hash = AuditChain.ComputeHash(sequence, this, previousHash.Span, tenantId),
    };
}
