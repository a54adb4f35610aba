namespace DataGuard.AspNetCore.Tenants;

/// <summary>Where a <see cref="TenantSource"/> reads the tenant.</summary>
internal enum TenantSourceKind
{
    Claim,
    Host,
    Route,
    Header,
}
