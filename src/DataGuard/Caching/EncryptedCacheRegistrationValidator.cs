using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>
/// Checks at start-up that <c>AddEncryptedCache()</c> wraps the <see cref="IDistributedCache"/> the application
/// resolves. The builder call does not throw when the cache is not registered yet (builder calls work in any order);
/// instead the host stops here when there is no cache, or when a cache registered after the call takes the place of the
/// encrypted one (its entries would be stored in clear). Hand-written: it reads the final service registrations, which
/// no attribute can.
/// </summary>
internal sealed class EncryptedCacheRegistrationValidator(IServiceCollection services) : IValidateOptions<EncryptedCacheOptions>
{
    private const string Caches = "AddStackExchangeRedisCache, AddDistributedSqlServerCache, AddDistributedMemoryCache";

    public ValidateOptionsResult Validate(string? name, EncryptedCacheOptions options)
    {
        var last = Last(services);
        if (last is null)
        {
            return ValidateOptionsResult.Fail(
                $"AddEncryptedCache() encrypts the application's IDistributedCache, but none is registered: register one ({Caches}).");
        }

        if (EncryptedCacheDecoration.IsDecoration(last))
        {
            return ValidateOptionsResult.Success;
        }

        var type = (last.ImplementationType ?? last.ImplementationInstance?.GetType())?.Name ?? "a factory";
        return ValidateOptionsResult.Fail(
            $"The IDistributedCache ({type}) was registered after AddEncryptedCache(), which did not wrap it, so its entries would be " +
            $"stored in clear: call AddEncryptedCache() after registering the cache ({Caches}).");
    }

    /// <summary>The application's cache: the last registration wins.</summary>
    public static ServiceDescriptor? Last(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IDistributedCache) && !services[i].IsKeyedService)
            {
                return services[i];
            }
        }

        return null;
    }
}
