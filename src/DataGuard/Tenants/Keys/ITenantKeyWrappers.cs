using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// Chooses the <see cref="IKeyWrapper"/> that wraps a tenant's key-encryption key: the customer's own key in their HSM
/// or KMS (customer-managed keys, BYOK), or <see langword="null"/> for the platform's wrapper. Every tenant has a
/// key-encryption key of its own either way; it wraps that tenant's data, blind-index and subject keys. Register
/// customer-managed wrappers with <c>AddDataGuard().UseTenantKeyWrapper(tenantId, …)</c>, or replace this service to
/// look them up elsewhere (a tenant directory, configuration).
/// </summary>
/// <remarks>A wrapper that refuses to unwrap (the customer disabled or deleted their key) makes that tenant's data
/// unreadable: reads in its scope fail with <see cref="TenantKeyUnavailableException"/>; other tenants are not
/// affected. See docs/key-wrappers.md for Azure Key Vault, AWS KMS, HashiCorp Vault and PKCS#11.</remarks>
public interface ITenantKeyWrappers
{
    /// <summary>The wrapper for <paramref name="tenantId"/>'s key-encryption key.</summary>
    /// <param name="tenantId">A valid tenant id.</param>
    /// <returns>The tenant's own wrapper, or <see langword="null"/> to wrap its key-encryption key with the platform's
    /// <see cref="IKeyWrapper"/>.</returns>
    IKeyWrapper? GetWrapper(string tenantId);
}
