using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>DataGuard with an in-memory key store and an ephemeral Data Protection key ring.</summary>
internal static class BenchmarkServices
{
    public static ServiceProvider Create(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard();
        services.AddSingleton<IKeyStore, InMemoryKeyStore>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        more?.Invoke(services);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<FieldEncryptor>().EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return provider;
    }
}
