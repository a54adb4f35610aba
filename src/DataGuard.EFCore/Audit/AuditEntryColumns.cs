using System.Runtime.InteropServices;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;

namespace DataGuard.EFCore.Audit;

/// <summary>The columns of the audit entries table, shared by the table configuration (<see cref="AuditEntryConfiguration"/>)
/// and the appender's statements and bindings (<see cref="AuditSql"/>).</summary>
internal static class AuditEntryColumns
{
    /// <summary>Every mapped property of <see cref="AuditEntryRecord"/>, in declaration order.</summary>
    public static IReadOnlyList<AuditEntryColumn> All { get; } =
    [
        AuditEntryColumn.Number(nameof(AuditEntryRecord.Sequence), AuditColumnRole.Sequence, static e => e.Sequence),
        AuditEntryColumn.Time(nameof(AuditEntryRecord.Timestamp), AuditColumnRole.Context, static e => e.Timestamp.UtcDateTime),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Action), AuditColumnRole.Kind, 100, static e => e.Action),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Actor), AuditColumnRole.Context, 200, static e => e.Actor),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.SubjectId), AuditColumnRole.Own, SubjectId.MaxLength, static e => e.SubjectId),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.EntityType), AuditColumnRole.Kind, 200, static e => e.EntityType),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.EntityKey), AuditColumnRole.Own, 200, static e => e.EntityKey),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Properties), AuditColumnRole.Kind, 4000, static e => AuditRecordMapper.JoinProperties(e.Properties)),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Purpose), AuditColumnRole.Context, 100, static e => e.Purpose),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.CorrelationId), AuditColumnRole.Context, 100, static e => e.CorrelationId),
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Details), AuditColumnRole.Context, 4000, static e => e.Details),
        AuditEntryColumn.Bytes(nameof(AuditEntryRecord.PreviousHash), AuditColumnRole.PreviousHash, AuditChain.HashSize, static e => e.PreviousHash),
        AuditEntryColumn.Bytes(nameof(AuditEntryRecord.Hash), AuditColumnRole.Hash, AuditChain.HashSize, static e => e.Hash),

        // Masked old/new values (AuditOptions.RecordMaskedValues): no length limit, an entity may have many properties.
        AuditEntryColumn.Text(nameof(AuditEntryRecord.Changes), AuditColumnRole.Kind, null, static e => AuditValueChangeCodec.Serialize(e.Changes)),
        AuditEntryColumn.Number(nameof(AuditEntryRecord.SubjectKey), AuditColumnRole.Own, static e => AuditSubjectKey.Of(e.SubjectId)),

        // The chain: one per tenant, shared by every entry of an append.
        AuditEntryColumn.Text(nameof(AuditEntryRecord.TenantId), AuditColumnRole.Context, TenantIds.MaxLength, static e => AuditTenant.Key(e.TenantId)),
    ];

    /// <summary>The hash's own array when the memory is a whole array (as the chain makes them), a copy otherwise.</summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> value)
        => MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : value.ToArray();
}
