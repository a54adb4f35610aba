using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as IP addresses, device ids, cookies and other online identifiers
/// (<see cref="PersonalCategory.OnlineIdentifier"/>), so that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class OnlineIdentifierDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.OnlineIdentifier"/>.</summary>
    public OnlineIdentifierDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.OnlineIdentifier))
    {
    }
}
