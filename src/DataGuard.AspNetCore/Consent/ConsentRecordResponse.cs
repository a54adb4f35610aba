using DataGuard.Consent;

namespace DataGuard.AspNetCore.Consent;

/// <summary>One history record as the consent endpoints return it to its own subject.</summary>
internal sealed record ConsentRecordResponse(
    string Purpose,
    string Kind,
    DateTimeOffset RecordedAt,
    string? NoticeVersion,
    DateTimeOffset? ExpiresAt,
    string? Source)
{
    public static ConsentRecordResponse From(ConsentRecord record) => new(
        record.Purpose,
        record.Kind.ToString(),
        record.RecordedAt,
        record.NoticeVersion,
        record.ExpiresAt,
        record.Source);
}
