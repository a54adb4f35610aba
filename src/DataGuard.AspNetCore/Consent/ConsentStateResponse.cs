using DataGuard.Consent;

namespace DataGuard.AspNetCore.Consent;

/// <summary>One purpose's state as the consent endpoints return it.</summary>
internal sealed record ConsentStateResponse(
    string Purpose,
    string? Description,
    string LawfulBasis,
    string Status,
    bool Allowed,
    string? NoticeVersion,
    string? CurrentNoticeVersion,
    DateTimeOffset? GrantedAt,
    DateTimeOffset? ExpiresAt)
{
    public static ConsentStateResponse From(ConsentState state, Purpose purpose) => new(
        state.Purpose,
        purpose.Description,
        state.LawfulBasis.ToString(),
        ConsentStatusText.ToCode(state.Status),
        state.IsAllowed,
        state.NoticeVersion,
        state.CurrentNoticeVersion,
        state.GrantedAt,
        state.ExpiresAt);
}
