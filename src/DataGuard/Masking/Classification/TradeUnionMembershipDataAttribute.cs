using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking.Classification;

/// <summary>Classifies a log parameter, property or field as trade-union membership (GDPR Art. 9) (<see cref="PersonalCategory.TradeUnionMembership"/>), so
/// that
/// Microsoft.Extensions.Compliance redaction masks it once <c>AddDataGuard().AddRedaction()</c> is registered and the
/// host calls <c>EnableRedaction()</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class TradeUnionMembershipDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the target as <see cref="PersonalCategory.TradeUnionMembership"/>.</summary>
    public TradeUnionMembershipDataAttribute()
        : base(DataGuardTaxonomy.For(PersonalCategory.TradeUnionMembership))
    {
    }
}
