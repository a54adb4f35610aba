using DataGuard.Encryption;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>
/// The registration <c>AddEncryptedCache()</c> puts in place of the application's <see cref="IDistributedCache"/>: it
/// creates the application's cache as registered and wraps it in <see cref="EncryptedDistributedCache"/>. A factory
/// rather than a type, because the container cannot decorate a service; the descriptor's target is this object, so a
/// second call and the start-up check recognise it.
/// </summary>
internal sealed class EncryptedCacheDecoration(ServiceDescriptor original)
{
    public static bool IsDecoration(ServiceDescriptor descriptor) => descriptor.ImplementationFactory?.Target is EncryptedCacheDecoration;

    public ServiceDescriptor Descriptor() => ServiceDescriptor.Describe(typeof(IDistributedCache), Create, original.Lifetime);

    private EncryptedDistributedCache Create(IServiceProvider services) => new(
        (IDistributedCache)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!)),
        services.GetRequiredService<FieldEncryptor>(),
        services.GetRequiredService<IOptions<EncryptedCacheOptions>>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILogger<EncryptedDistributedCache>>());
}
