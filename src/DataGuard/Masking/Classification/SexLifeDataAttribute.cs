using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as sex life or sexual orientation (GDPR Art. 9) (<see cref="PersonalCategory.SexLife"/>), so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class SexLifeDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.SexLife"/>.</summary>
    public SexLifeDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.SexLife))
    {
    }
}
