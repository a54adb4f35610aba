namespace DataGuard.Tenants.Residency;

/// <summary>
/// A tenant's data was about to be written through a context that does not store the tenant's region, or residency is on
/// and the tenant or the context declares no region (<see cref="ResidencyOptions"/>). DataGuard refuses before anything
/// is written. The message names the tenant, both regions and what was refused, never a personal value.
/// </summary>
public sealed class DataResidencyException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant whose data was refused.</param>
    /// <param name="tenantRegion">The tenant's declared region, or <see langword="null"/> when it declares none.</param>
    /// <param name="contextRegion">The region the context stores, or <see langword="null"/> when it declares none.</param>
    /// <param name="message">What was refused; names entity, tenant and regions, never a personal value.</param>
    public DataResidencyException(string tenant, string? tenantRegion, string? contextRegion, string message)
        : base(message)
    {
        Tenant = tenant;
        TenantRegion = tenantRegion;
        ContextRegion = contextRegion;
    }

    /// <summary>The tenant whose data was refused.</summary>
    public string Tenant { get; }

    /// <summary>The tenant's declared region, or <see langword="null"/> when it declares none.</summary>
    public string? TenantRegion { get; }

    /// <summary>The region the context stores, or <see langword="null"/> when it declares none.</summary>
    public string? ContextRegion { get; }
}
