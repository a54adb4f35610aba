using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>One tenant's customer-managed wrapper, registered by <c>UseTenantKeyWrapper</c>.</summary>
internal sealed record TenantKeyWrapperRegistration(string Tenant, Func<IServiceProvider, IKeyWrapper> Factory);
