using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>A DataGuard container with an in-memory key store and an ephemeral Data Protection key ring.</summary>
internal sealed class TestKeyRing : IDisposable
{
    public TestKeyRing(Action<DataGuardOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(configure);
        services.AddSingleton<IKeyStore>(Store);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services = services.BuildServiceProvider();
        Encryptor = Services.GetRequiredService<FieldEncryptor>();
        Encryptor.EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A container whose fields are encrypted by <paramref name="engine"/>.</summary>
    public TestKeyRing(CipherEngine engine, Action<DataGuardOptions>? configure = null)
        : this(o =>
        {
            o.Encryption.Engine = engine;
            configure?.Invoke(o);
        })
    {
    }

    public InMemoryKeyStore Store { get; } = new();

    public ServiceProvider Services { get; }

    public FieldEncryptor Encryptor { get; }

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public ProtectedColumn Column(string entity = "Customer", string property = "Email") => Encryptor.Column(entity, property);

    public void Dispose() => Services.Dispose();
}
