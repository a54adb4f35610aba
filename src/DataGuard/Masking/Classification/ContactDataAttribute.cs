using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as e-mail addresses, phone numbers and postal addresses (<see cref="PersonalCategory.Contact"/>), so
/// that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class ContactDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.Contact"/>.</summary>
    public ContactDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.Contact))
    {
    }
}
