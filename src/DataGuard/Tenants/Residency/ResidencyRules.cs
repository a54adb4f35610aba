namespace DataGuard.Tenants.Residency;

/// <summary>Where a tenant's data may be written: the one rule the EF Core interceptor and DataGuard's own stores apply,
/// and the spelling of a region.</summary>
internal static class ResidencyRules
{
    public const string RegionRule = "A region is 1 to 64 characters of a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit.";

    /// <summary>A region is spelled like a tenant id: lower case, safe in configuration keys, file names and log lines.</summary>
    public static bool IsValidRegion(string? region) => region is not null && TenantIds.IsValid(region);

    /// <summary>Refuses writing <paramref name="tenant"/>'s data (<paramref name="what"/>, for example "Customer rows")
    /// through a context of <paramref name="contextRegion"/> ("AppDb"'s <paramref name="context"/>), or returns when
    /// residency is off or the regions match.</summary>
    /// <exception cref="DataResidencyException">Residency is on and the regions differ, or either declares none.</exception>
    public static void EnsureWritable(ResidencyOptions options, string tenant, string? contextRegion, string context, string what)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return;
        }

        var tenantRegion = options.RegionOf(tenant);
        if (tenantRegion is null)
        {
            throw new DataResidencyException(tenant, null, contextRegion, $"Tenant '{tenant}' declares no region (Residency.Tenants), so DataGuard " +
                $"refuses to write its {what} through {context} (region '{contextRegion ?? "none"}'): while residency is on, a tenant's data is written " +
                "only in its own region. Declare the tenant's region. Nothing was written.");
        }

        if (contextRegion is null)
        {
            throw new DataResidencyException(tenant, tenantRegion, null, $"{context} declares no region, so DataGuard refuses to write tenant " +
                $"'{tenant}''s {what} through it (the tenant's region is '{tenantRegion}'): while residency is on, a tenant's data is written only " +
                "through a context of its region (UseDataGuard(sp, d => d.Region(...))). Nothing was written.");
        }

        if (!string.Equals(tenantRegion, contextRegion, StringComparison.Ordinal))
        {
            throw new DataResidencyException(tenant, tenantRegion, contextRegion, $"Tenant '{tenant}' stores its data in region '{tenantRegion}', " +
                $"and {context} stores region '{contextRegion}': DataGuard refuses to write the tenant's {what} there. Route the tenant to a context " +
                "of its region. Nothing was written.");
        }
    }
}
