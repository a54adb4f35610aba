using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>Which mask each <see cref="PersonalCategory"/> gets in logs, for <c>AddDataGuard().AddRedaction(o =&gt; …)</c>.
/// Applied when <c>AddRedaction</c> is called.</summary>
public sealed class DataGuardRedactionOptions
{
    /// <summary>The mask of each category's classification; starts with each category's default mask (financial data
    /// and government ids keep their last four, online identifiers become pseudonyms, everything else is erased).</summary>
    public IDictionary<PersonalCategory, MaskStyle> Masks { get; } =
        Enum.GetValues<PersonalCategory>().ToDictionary(static c => c, static c => c.DefaultMask());
}
