using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Keys;

public sealed class KeyManagerTests : IDisposable
{
    private const string Secret = "ana@example.com";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingUsage _usage = new();
    private readonly InMemoryKeyStore _store = new();
    private readonly ServiceProvider _services;

    public KeyManagerTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDataGuard();
        services.AddSingleton<IKeyStore>(_store);
        services.AddSingleton<IKeyUsageCounter>(_usage);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private IKeyManager Keys => _services.GetRequiredService<IKeyManager>();

    private FieldEncryptor Encryptor => _services.GetRequiredService<FieldEncryptor>();

    [Fact]
    public async Task Retire_keeps_the_material_and_destroy_deletes_it_only_when_unused_and_settled()
    {
        await Encryptor.EnsureReadyAsync(CancellationToken.None);
        var column = Encryptor.Column("Customer", "Email");
        var before = column.EncryptString(Secret);
        var oldKey = Encryptor.Ring.ActiveKey.Id;
        await Keys.RotateAsync();

        _usage.Counts[oldKey] = 3;
        var refused = await Assert.ThrowsAsync<KeyInUseException>(() => Keys.RetireAsync(oldKey));
        Assert.Equal((oldKey, 3L), (refused.KeyId, refused.ValueCount));

        _usage.Counts.Clear();
        await Keys.RetireAsync(oldKey);
        Assert.Equal(Secret, column.DecryptString(before)); // a restored backup's values still read

        await Assert.ThrowsAsync<InvalidOperationException>(() => Keys.DestroyAsync(oldKey)); // other instances may not have reloaded
        _clock.Advance(TimeSpan.FromMinutes(5));
        _usage.Counts[oldKey] = 1;
        await Assert.ThrowsAsync<KeyInUseException>(() => Keys.DestroyAsync(oldKey)); // counted again first
        _usage.Counts.Clear();
        await Keys.DestroyAsync(oldKey);

        var ex = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(before));
        Assert.Equal(oldKey, ex.KeyId);
        var record = (await _store.GetAllAsync()).Single(k => k.Id == oldKey);
        Assert.Equal((DataKeyStatus.Destroyed, (byte[]?)null), (record.Status, record.WrappedKey));
    }

    private sealed class CountingUsage : IKeyUsageCounter
    {
        public Dictionary<int, long> Counts { get; } = [];

        public Task<KeyUsage> CountAsync(CancellationToken cancellationToken) => Task.FromResult(new KeyUsage(new Dictionary<int, long>(Counts), 0));
    }
}
