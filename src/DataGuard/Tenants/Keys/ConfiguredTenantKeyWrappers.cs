using System.Collections.Concurrent;
using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>The default <see cref="ITenantKeyWrappers"/>: the wrappers registered with <c>UseTenantKeyWrapper</c>,
/// each created on first use and disposed with the container; every other tenant's key-encryption key is wrapped by the
/// platform's wrapper.</summary>
internal sealed class ConfiguredTenantKeyWrappers(IServiceProvider services, IEnumerable<TenantKeyWrapperRegistration> registrations)
    : ITenantKeyWrappers, IDisposable
{
    private readonly Dictionary<string, TenantKeyWrapperRegistration> _registrations = registrations.ToDictionary(static r => r.Tenant, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IKeyWrapper>> _created = new(StringComparer.Ordinal);

    public IKeyWrapper? GetWrapper(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _registrations.TryGetValue(tenantId, out var registration)
            ? _created.GetOrAdd(tenantId, _ => new Lazy<IKeyWrapper>(() => registration.Factory(services))).Value
            : null;
    }

    public void Dispose()
    {
        foreach (var wrapper in _created.Values.Where(static w => w.IsValueCreated))
        {
            (wrapper.Value as IDisposable)?.Dispose();
        }
    }
}
