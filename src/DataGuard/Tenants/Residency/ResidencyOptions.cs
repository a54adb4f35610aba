namespace DataGuard.Tenants.Residency;

/// <summary>
/// Data residency: the regions the platform stores data in, and each tenant's region. When at least one region is
/// declared, residency is on: a tenant's data (its rows, consents, requests, holds and audit entries) is written only
/// through a context that stores the tenant's region (<c>UseDataGuard(sp, d =&gt; d.Region("eu"))</c>), a tenant
/// without a region has its writes refused, and the data map lists every tenant's region. Bound from configuration as
/// <c>DataGuard:Residency:Regions</c> (an array) and <c>DataGuard:Residency:Tenants</c> (tenant id to region).
/// </summary>
public sealed class ResidencyOptions
{
    /// <summary>The regions the platform stores data in, for example <c>eu</c> and <c>us</c>: 1 to 64 characters of
    /// <c>a-z</c>, <c>0-9</c>, <c>-</c>, <c>_</c> and <c>.</c>, starting and ending with a letter or digit (one spelling per
    /// region). Residency is on when at least one is declared.</summary>
    public ISet<string> Regions { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>Each tenant's region, by tenant id: <c>Tenants["acme"] = "eu"</c>. Every region named here must be one of
    /// <see cref="Regions"/>; a tenant missing here has no region, and its data is written nowhere while residency is on.</summary>
    public IDictionary<string, string> Tenants { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether residency is on: at least one region is declared.</summary>
    internal bool Enabled => Regions.Count > 0;

    /// <summary>The tenant's declared region, or <see langword="null"/> when it declares none.</summary>
    internal string? RegionOf(string tenant)
        => Tenants.TryGetValue(tenant, out var region) && !string.IsNullOrEmpty(region) ? region : null;
}
