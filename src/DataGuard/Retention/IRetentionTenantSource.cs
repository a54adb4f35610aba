namespace DataGuard.Retention;

/// <summary>Which tenants the retention job runs for; registered by the store (<c>UseEntityFrameworkStores</c>), which
/// can see the tenants' rows.</summary>
internal interface IRetentionTenantSource
{
    /// <summary>The tenants to run retention for, each in its own scope; <see langword="null"/> when the application has
    /// no tenants, so one run at platform level covers everything (as before tenants existed).</summary>
    /// <exception cref="DataGuardException">The store needs a tenant and nothing says which tenants there are.</exception>
    Task<IReadOnlyCollection<string>?> TenantsAsync(CancellationToken cancellationToken);
}
