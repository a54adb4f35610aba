using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Audit;

/// <summary>
/// One entry of the tamper-evident audit trail. <see cref="Hash"/> is the SHA-256 of the entry's canonical encoding,
/// which includes <see cref="PreviousHash"/>, so changing, removing, inserting or reordering an entry breaks the chain
/// from that entry on (see docs/audit-trail.md for the encoding). Entries never hold plaintext personal values: property
/// names, ids, purposes and counts, and, only when <see cref="AuditOptions.RecordMaskedValues"/> is on, masked values.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The tenant whose chain holds the entry, or <see langword="null"/> for the platform's chain (work outside
    /// any tenant). Each tenant has a chain of its own, with its own sequence; the tenant is covered by the hash.</summary>
    public string? TenantId { get; init; }

    /// <summary>The position in the entry's chain (its tenant's, or the platform's), starting at 1, without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the entry was recorded (UTC, microsecond precision so that every database stores it exactly).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>What happened, for example <see cref="AuditActions.EntityUpdated"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Who acted, when known.</summary>
    public string? Actor { get; init; }

    /// <summary>The data subject concerned, in <see cref="DataGuard.Subjects.SubjectId"/> canonical text, when one is.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The entity type concerned, when any.</summary>
    public string? EntityType { get; init; }

    /// <summary>The entity's key in invariant text (composite keys joined with ','), when any.</summary>
    public string? EntityKey { get; init; }

    /// <summary>The names (never the values) of the personal properties concerned.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>The purpose of processing, when known.</summary>
    public string? Purpose { get; init; }

    /// <summary>The correlation id (for example the trace id of the request), when known.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>A short description without personal data, for example the subjects a query returned.</summary>
    public string? Details { get; init; }

    /// <summary>The masked old and new values of the personal properties that changed, when
    /// <see cref="AuditOptions.RecordMaskedValues"/> was on; otherwise <see langword="null"/>. Covered by the hash.</summary>
    public IReadOnlyList<AuditValueChange>? Changes { get; init; }

    /// <summary>The <see cref="Hash"/> of the previous entry (32 zero bytes for the first entry).</summary>
    public required ReadOnlyMemory<byte> PreviousHash { get; init; }

    /// <summary>The SHA-256 of this entry's canonical encoding, 32 bytes.</summary>
    public required ReadOnlyMemory<byte> Hash { get; init; }
}
