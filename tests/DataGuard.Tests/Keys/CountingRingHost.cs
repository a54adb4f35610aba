using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Keys;

/// <summary>A DataGuard container on a <see cref="CountingKeyStore"/> and a fake clock.</summary>
internal sealed class CountingRingHost : IDisposable
{
    public CountingRingHost(Action<DataGuardOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(configure);
        services.AddSingleton<IKeyStore>(Store);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services = services.BuildServiceProvider();
    }

    public CountingKeyStore Store { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; }

    public KeyRing Ring => Services.GetRequiredService<KeyRing>();

    public SubjectKeyRing Subjects => Services.GetRequiredService<SubjectKeyRing>();

    public ProtectedColumn Column() => Services.GetRequiredService<FieldEncryptor>().Column("Customer", "Email");

    public void Dispose() => Services.Dispose();
}
