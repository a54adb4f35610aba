namespace DataGuard.Tenants.Keys;

/// <summary>
/// A tenant's key-encryption key cannot be used: the tenant's key wrapper refused to unwrap it (the customer revoked,
/// disabled or deleted their key, or the HSM or KMS cannot be reached), or it was shredded. Every encrypted value of that
/// tenant is unreadable until the key is available again (never, once shredded); other tenants are not affected. The
/// message names the tenant, never key material.
/// </summary>
public sealed class TenantKeyUnavailableException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant whose key-encryption key is unavailable.</param>
    /// <param name="message">What happened, without key material.</param>
    /// <param name="innerException">The wrapper's error, if any.</param>
    public TenantKeyUnavailableException(string tenant, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Tenant = tenant;
    }

    /// <summary>The tenant whose key-encryption key is unavailable.</summary>
    public string Tenant { get; }
}
