namespace DataGuard.AspNetCore.Tenants;

/// <summary>Marks an endpoint that may run without a tenant (set by <c>AllowMissingTenant()</c>).</summary>
internal sealed class AllowMissingTenantMetadata
{
    public static readonly AllowMissingTenantMetadata Instance = new();
}
