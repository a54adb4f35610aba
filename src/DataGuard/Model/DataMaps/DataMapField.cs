using DataGuard.Masking;

namespace DataGuard.Model.DataMaps;

/// <summary>A personal field in the <see cref="DataMap"/>.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Type">The property type as C# writes it (<c>string</c>, <c>DateOnly?</c>).</param>
/// <param name="Category">What kind of personal data it holds.</param>
/// <param name="SpecialCategory">Whether it is special-category (Art. 9) or criminal-offence (Art. 10) data.</param>
/// <param name="Encrypted">Whether it is encrypted at rest.</param>
/// <param name="Searchable">Whether it can be found by equality through a blind index.</param>
/// <param name="Mask">How it is masked in logs and responses.</param>
/// <param name="Purposes">The declared purposes that may use the field; null in maps written before purposes declared
/// what they use.</param>
public sealed record DataMapField(
    string Name,
    string Type,
    PersonalCategory Category,
    bool SpecialCategory,
    bool Encrypted,
    bool Searchable,
    MaskStyle Mask,
    IReadOnlyList<string>? Purposes = null);
