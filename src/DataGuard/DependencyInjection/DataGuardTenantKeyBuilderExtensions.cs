using DataGuard.DependencyInjection;
using DataGuard.Keys;
using DataGuard.Tenants;
using DataGuard.Tenants.Keys;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Customer-managed keys: a tenant's key-encryption key wrapped by the customer's own HSM or KMS.</summary>
public static class DataGuardTenantKeyBuilderExtensions
{
    /// <summary>
    /// Wraps <paramref name="tenantId"/>'s key-encryption key with a wrapper of its own (the customer's key in their HSM
    /// or KMS, for example a <c>Pkcs11KeyWrapper</c>) instead of the platform's <see cref="IKeyWrapper"/>. The wrapper is
    /// created on the tenant's first key use and disposed with the container. When it refuses to unwrap (the customer
    /// revoked their key), that tenant's encrypted values become unreadable (<see cref="TenantKeyUnavailableException"/>)
    /// and other tenants keep working. Register the wrapper before the tenant's first key is created: a tenant whose
    /// key-encryption key was created under another wrapper needs its key re-wrapped, not a new registration.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="factory">Creates the tenant's wrapper.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tenantId"/> is not a valid tenant id.</exception>
    /// <exception cref="InvalidOperationException">A wrapper is already registered for the tenant.</exception>
    public static IDataGuardBuilder UseTenantKeyWrapper(this IDataGuardBuilder builder, string tenantId, Func<IServiceProvider, IKeyWrapper> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        TenantIds.Validate(tenantId, nameof(tenantId));
        if (builder.Services.Any(d => d.ImplementationInstance is TenantKeyWrapperRegistration r
            && string.Equals(r.Tenant, tenantId, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"A key wrapper is already registered for tenant '{tenantId}'.");
        }

        builder.Services.AddSingleton(new TenantKeyWrapperRegistration(tenantId, factory));
        return builder;
    }
}
