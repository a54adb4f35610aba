using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as religious or philosophical beliefs (GDPR Art. 9) (<see cref="PersonalCategory.ReligiousBelief"/>),
/// so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class ReligiousBeliefDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.ReligiousBelief"/>.</summary>
    public ReligiousBeliefDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.ReligiousBelief))
    {
    }
}
