using DataGuard.Masking;
using DataGuard.Masking.Classification;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Model;

/// <summary>
/// Marks a property as personal data (GDPR Art. 4(1)): DataGuard encrypts it at rest, masks it where it is
/// shown or logged, includes it in a data subject's export and removes it on erasure.
/// </summary>
/// <remarks>
/// The annotation is read once per type and cached; misuse (for example <see cref="Searchable"/> on a
/// non-string property) fails when the model is built, with a message naming the type and property.
/// <para>It is also a Microsoft.Extensions.Compliance data classification, so that an annotated entity logged with
/// <c>[LogProperties]</c> has its personal properties redacted. The logging source generator only sees the attribute's
/// type, so they are all classified as <see cref="PersonalCategory.General"/> there (erased by default); classify log
/// parameters with <see cref="ContactDataAttribute"/> and its siblings to get a category's own mask.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PersonalAttribute : DataClassificationAttribute
{
    /// <summary>Marks the property as personal data of the <see cref="PersonalCategory.General"/> category.</summary>
    public PersonalAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.General))
    {
    }

    /// <summary>Marks the property as personal data of the given category.</summary>
    /// <param name="category">What kind of personal data the property holds.</param>
    public PersonalAttribute(PersonalCategory category)
        : this() => Category = category;

    /// <summary>What kind of personal data the property holds; drives the default mask and the data map.</summary>
    public PersonalCategory Category { get; set; } = PersonalCategory.General;

    /// <summary>
    /// Whether the encrypted value can still be found by equality through a blind index (a keyed HMAC of the
    /// normalised value). Only string properties that are encrypted can be searchable.
    /// </summary>
    public bool Searchable { get; set; }

    /// <summary>How the value is masked in logs and responses; <see cref="MaskStyle.Default"/> uses the category's default.</summary>
    public MaskStyle Mask { get; set; } = MaskStyle.Default;

    /// <summary>Whether the value is encrypted at rest. Defaults to <see langword="true"/>.</summary>
    public bool Encrypt { get; set; } = true;
}
