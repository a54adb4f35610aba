using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Audit;

/// <summary>A row of the audit chain table. Tenant and sequence are the primary key, so two writers can never store
/// two entries at the same position of a chain (no fork even if the head lock were bypassed).</summary>
internal sealed class AuditEntryRecord
{
    /// <summary>The tenant whose chain holds the entry; <see cref="AuditTenant.Platform"/> (empty, never a tenant id)
    /// for the platform's chain, as a key column cannot be null.</summary>
    public string TenantId { get; set; } = AuditTenant.Platform;

    public long Sequence { get; set; }
    public DateTime Timestamp { get; set; }
    public string Action { get; set; } = "";
    public string? Actor { get; set; }
    public string? SubjectId { get; set; }
    public string? EntityType { get; set; }
    public string? EntityKey { get; set; }
    public string? Properties { get; set; }
    public string? Purpose { get; set; }
    public string? CorrelationId { get; set; }
    public string? Details { get; set; }
    public byte[] PreviousHash { get; set; } = [];
    public byte[] Hash { get; set; } = [];
    public string? Changes { get; set; }

    /// <summary><see cref="AuditSubjectKey"/> of <see cref="SubjectId"/>, the indexed column of subject queries; null
    /// on rows written before the key existed (queries still find those by their subject id).</summary>
    public long? SubjectKey { get; set; }
}
