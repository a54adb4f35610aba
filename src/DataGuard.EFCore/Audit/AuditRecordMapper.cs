using DataGuard.Audit;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>Converts between stored rows and <see cref="AuditEntry"/>. Property names are stored comma-separated
/// (CLR and EF Core property names contain no comma).</summary>
internal static class AuditRecordMapper
{
    /// <exception cref="DataGuardAuditException">The row's masked values are damaged.</exception>
    public static AuditEntry ToEntry(AuditEntryRecord record) => new()
    {
        Sequence = record.Sequence,
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(record.Timestamp, DateTimeKind.Utc)),
        Action = record.Action,
        Actor = record.Actor,
        SubjectId = record.SubjectId,
        EntityType = record.EntityType,
        EntityKey = record.EntityKey,
        Properties = record.Properties?.Split(','),
        Purpose = record.Purpose,
        CorrelationId = record.CorrelationId,
        Details = record.Details,
        Changes = AuditValueChangeCodec.Parse(record.Changes, record.Sequence),
        PreviousHash = record.PreviousHash,
        Hash = record.Hash,
    };

    public static string? JoinProperties(IReadOnlyList<string>? properties) => properties is null ? null : string.Join(',', properties);
}
