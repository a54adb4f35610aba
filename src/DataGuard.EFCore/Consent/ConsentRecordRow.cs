using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Consent;

/// <summary>A row of DataGuard's consent table: a <see cref="ConsentRecord"/> in database-friendly types. The
/// identity column gives the order in which records were appended, across processes.</summary>
internal sealed class ConsentRecordRow
{
    public long Id { get; set; }

    /// <summary>The tenant the record belongs to, or <see langword="null"/> for a record made outside any tenant.</summary>
    public string? TenantId { get; set; }

    public string SubjectId { get; set; } = "";

    public string Purpose { get; set; } = "";

    public ConsentRecordKind Kind { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? NoticeVersion { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? Source { get; set; }

    public string? Evidence { get; set; }

    public string? Actor { get; set; }

    public static ConsentRecordRow From(ConsentRecord record) => new()
    {
        SubjectId = record.SubjectId.Value,
        Purpose = record.Purpose,
        Kind = record.Kind,
        RecordedAt = record.RecordedAt.ToUniversalTime(),
        NoticeVersion = record.NoticeVersion,
        ExpiresAt = record.ExpiresAt?.ToUniversalTime(),
        Source = record.Source,
        Evidence = record.Evidence,
        Actor = record.Actor,
    };

    public ConsentRecord ToRecord() => new()
    {
        SubjectId = new SubjectId(SubjectId),
        Purpose = Purpose,
        Kind = Kind,
        RecordedAt = RecordedAt,
        NoticeVersion = NoticeVersion,
        ExpiresAt = ExpiresAt,
        Source = Source,
        Evidence = Evidence,
        Actor = Actor,
    };
}
