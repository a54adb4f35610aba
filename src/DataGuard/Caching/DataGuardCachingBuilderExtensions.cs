using DataGuard.Caching;
using DataGuard.DependencyInjection;
using DataGuard.Encryption;
using DataGuard.Subjects.Events;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>Registers DataGuard's encrypted cache.</summary>
public static class DataGuardCachingBuilderExtensions
{
    /// <summary>
    /// Encrypts every entry of the application's <see cref="IDistributedCache"/> (Redis, SQL Server, memory; and so the
    /// second level of <c>HybridCache</c>) with DataGuard's keys, refuses entries without expiry and caps every expiry at
    /// <see cref="EncryptedCacheOptions.MaxLifetime"/> (24 hours by default); registers <see cref="ISubjectCache"/> for a
    /// subject's entries, which erasure, shredding and consent withdrawal drop. Call it after registering the cache
    /// (<c>AddStackExchangeRedisCache</c>, <c>AddDistributedMemoryCache</c>, …).
    /// </summary>
    /// <param name="builder">DataGuard's builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IDistributedCache"/> is registered yet.</exception>
    public static IDataGuardBuilder AddEncryptedCache(this IDataGuardBuilder builder, Action<EncryptedCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<EncryptedCacheOptions>()
            .Validate(static o => o.MaxLifetime > TimeSpan.Zero, "EncryptedCache.MaxLifetime must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var index = Last(services);
        if (index < 0)
        {
            throw DataGuardErrors.MissingRegistration("AddEncryptedCache() decorates the application's IDistributedCache: register one first " +
                "(AddStackExchangeRedisCache, AddDistributedSqlServerCache, AddDistributedMemoryCache).");
        }

        var original = services[index];
        if (original.ImplementationType != typeof(EncryptedDistributedCache) && !IsDecorator(original))
        {
            services[index] = ServiceDescriptor.Describe(
                typeof(IDistributedCache),
                sp => new EncryptedDistributedCache(
                    Create(sp, original),
                    sp.GetRequiredService<FieldEncryptor>(),
                    sp.GetRequiredService<IOptions<EncryptedCacheOptions>>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<EncryptedDistributedCache>>()),
                original.Lifetime);
        }

        // By type: the container passes the application's HybridCache when there is one, null otherwise.
        services.TryAddSingleton<ISubjectCache, SubjectCache>();
        services.TryAddSingleton<SubjectCacheSealer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubjectEventSink, SubjectCacheInvalidation>());
        return builder;
    }

    private static int Last(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IDistributedCache) && !services[i].IsKeyedService)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Marks the factory this method registers, so a second call does not encrypt twice.</summary>
    private static bool IsDecorator(ServiceDescriptor descriptor)
        => descriptor.ImplementationFactory?.Method.DeclaringType?.DeclaringType == typeof(DataGuardCachingBuilderExtensions)
           || descriptor.ImplementationFactory?.Method.DeclaringType == typeof(DataGuardCachingBuilderExtensions);

    private static IDistributedCache Create(IServiceProvider sp, ServiceDescriptor original)
        => (IDistributedCache)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
}
