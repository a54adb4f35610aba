using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as date of birth, gender, nationality and similar demographic data
/// (<see cref="PersonalCategory.Demographic"/>), so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class DemographicDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.Demographic"/>.</summary>
    public DemographicDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.Demographic))
    {
    }
}
