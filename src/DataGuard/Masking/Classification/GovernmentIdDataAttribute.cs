using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as passport, national id, tax or social-security numbers
/// (<see cref="PersonalCategory.GovernmentId"/>), so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class GovernmentIdDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.GovernmentId"/>.</summary>
    public GovernmentIdDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.GovernmentId))
    {
    }
}
