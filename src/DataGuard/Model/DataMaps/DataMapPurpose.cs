using DataGuard.Consent;
using DataGuard.Purposes;

namespace DataGuard.Model.DataMaps;

/// <summary>A purpose of processing in the <see cref="DataMap"/> (GDPR Art. 30(1)(b)).</summary>
/// <param name="Name">The purpose's name.</param>
/// <param name="Description">What the data is processed for.</param>
/// <param name="LawfulBasis">The lawful basis (Art. 6(1)).</param>
/// <param name="NoticeVersion">The current privacy-notice version.</param>
/// <param name="RequiresConsent">Whether processing needs a consent in force.</param>
/// <param name="AcceptsOlderNotices">Whether consents under older notices still count.</param>
/// <param name="DefaultExpiryDays">How many days a consent lasts by default, or null until withdrawn.</param>
/// <param name="Categories">The categories of personal data the purpose uses (<see cref="Purpose.Uses"/>); null in maps
/// written before purposes declared them.</param>
/// <param name="Entities">The entities whose personal data the purpose may use: those it names, and those with fields of
/// its categories (an entity's <see cref="AllowedPurposesAttribute"/> applied); null in older maps.</param>
public sealed record DataMapPurpose(
    string Name,
    string? Description,
    LawfulBasis LawfulBasis,
    string? NoticeVersion,
    bool RequiresConsent,
    bool AcceptsOlderNotices,
    double? DefaultExpiryDays,
    IReadOnlyList<PersonalCategory>? Categories = null,
    IReadOnlyList<string>? Entities = null);
