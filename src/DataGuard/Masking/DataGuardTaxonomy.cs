using DataGuard.Masking.Classification;
using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;

namespace DataGuard.Masking;

/// <summary>
/// DataGuard's data-classification taxonomy for Microsoft.Extensions.Compliance: one
/// <see cref="DataClassification"/> per <see cref="PersonalCategory"/>. Classify log parameters and properties with
/// the matching attributes (<see cref="ContactDataAttribute"/>, <see cref="FinancialDataAttribute"/>, …) and call
/// <c>AddDataGuard().AddRedaction()</c> so that each classification is redacted with its category's mask.
/// </summary>
public static class DataGuardTaxonomy
{
    private static readonly DataClassification[] Classifications =
        [.. Enum.GetValues<PersonalCategory>().Select(static c => new DataClassification(TaxonomyName, c.ToString()))];

    /// <summary>The taxonomy's name, <c>DataGuard</c>.</summary>
    public const string TaxonomyName = "DataGuard";

    /// <summary>The classification of a category (its value is the category's name).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The classification.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a <see cref="PersonalCategory"/>.</exception>
    public static DataClassification For(PersonalCategory category)
    {
        if ((uint)category >= (uint)Classifications.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Not a PersonalCategory.");
        }

        return Classifications[(int)category];
    }
}
