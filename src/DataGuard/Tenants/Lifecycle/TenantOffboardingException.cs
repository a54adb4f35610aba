namespace DataGuard.Tenants.Lifecycle;

/// <summary>Offboarding a tenant was refused or failed. The message names the tenant and the reason, never a personal
/// value; when it is thrown before the key was shredded, nothing was changed.</summary>
public sealed class TenantOffboardingException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="message">What was refused and why, without personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TenantOffboardingException(string tenant, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Tenant = tenant;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }
}
