using DataGuard.Tenants.Residency;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>DataGuard's settings for one context, passed to <c>UseDataGuard(sp, d =&gt; …)</c>.</summary>
public sealed class DataGuardDbContextOptionsBuilder
{
    internal DataGuardDbContextOptionsBuilder()
    {
    }

    /// <summary>The region set by <see cref="Region"/>, or <see langword="null"/>.</summary>
    internal string? StoredRegion { get; private set; }

    /// <summary>
    /// Declares the region whose data this context stores (its database's location), for data residency: while
    /// <c>DataGuardOptions.Residency</c> is on, a tenant's data is written through this context only when the tenant's
    /// region is this one, else SaveChanges is refused with <see cref="DataResidencyException"/> before anything is
    /// written. The region must be one of <c>Residency.Regions</c>; <c>UseDataGuard</c> checks it.
    /// </summary>
    /// <param name="region">The region, for example <c>eu</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="region"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not spelled as a region (lower-case letters, digits, '-', '_', '.').</exception>
    public DataGuardDbContextOptionsBuilder Region(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!ResidencyRules.IsValidRegion(region))
        {
            throw new ArgumentException(ResidencyRules.RegionRule, nameof(region));
        }

        StoredRegion = region;
        return this;
    }
}
