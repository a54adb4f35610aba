using DataGuard.Caching;
using DataGuard.DependencyInjection;
using DataGuard.Subjects.Events;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// (<c>AddStackExchangeRedisCache</c>, <c>AddDistributedMemoryCache</c>, …); in any order with DataGuard's other
    /// builder calls.
    /// </summary>
    /// <param name="builder">DataGuard's builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>When no <see cref="IDistributedCache"/> is registered, or one is registered after this call (its entries
    /// would be stored in clear), the host fails to start with an <see cref="OptionsValidationException"/> that says
    /// so.</remarks>
    public static IDataGuardBuilder AddEncryptedCache(this IDataGuardBuilder builder, Action<EncryptedCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Hand-written: a lower bound alone, which [Range] cannot state without an upper one.
        var options = services.AddOptions<EncryptedCacheOptions>()
            .Validate(static o => o.MaxLifetime > TimeSpan.Zero, "EncryptedCache.MaxLifetime must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // An instance: the check reads the final registrations of this collection when the host starts.
        if (!services.Any(static d => d.ImplementationInstance is EncryptedCacheRegistrationValidator))
        {
            services.AddSingleton<IValidateOptions<EncryptedCacheOptions>>(new EncryptedCacheRegistrationValidator(services));
        }

        // No cache yet, or one registered after this call, is reported at start-up, not by throwing here.
        if (EncryptedCacheRegistrationValidator.Last(services) is { } original && !EncryptedCacheDecoration.IsDecoration(original))
        {
            services[services.IndexOf(original)] = new EncryptedCacheDecoration(original).Descriptor();
        }

        // By type: the container passes the application's HybridCache when there is one, null otherwise.
        services.TryAddSingleton<ISubjectCache, SubjectCache>();
        services.TryAddSingleton<SubjectCacheSealer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubjectEventSink, SubjectCacheInvalidation>());
        return builder;
    }
}
