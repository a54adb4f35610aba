namespace DataGuard.Tenants;

/// <summary>Work that needs a tenant ran with none: no request resolved one and no <see cref="ITenantContext.Begin"/>
/// scope is open. DataGuard never falls back to a default or another tenant.</summary>
public sealed class TenantRequiredException : DataGuardException
{
    /// <summary>Creates the exception with DataGuard's message.</summary>
    public TenantRequiredException()
        : base("This operation needs a tenant, and none is set: resolve it per request (AddTenantResolution and UseTenantResolution) or open a scope for " +
            "background work (ITenantContext.Begin).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What needed a tenant, without personal data.</param>
    public TenantRequiredException(string message)
        : base(message)
    {
    }
}
