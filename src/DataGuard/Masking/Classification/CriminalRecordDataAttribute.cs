using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as criminal convictions and offences (GDPR Art. 10) (<see cref="PersonalCategory.CriminalRecord"/>),
/// so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class CriminalRecordDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.CriminalRecord"/>.</summary>
    public CriminalRecordDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.CriminalRecord))
    {
    }
}
