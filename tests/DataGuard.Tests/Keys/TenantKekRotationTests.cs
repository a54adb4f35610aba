using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Keys;

/// <summary>Rotation of a tenant's own key-encryption key with the key stores of the core package: the in-memory store
/// replaces wrapped keys and rotates; a store of one's own that cannot is refused before anything changes.</summary>
public sealed class TenantKekRotationTests
{
    private const string Secret = "ana@acme.example";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_tenant_kek_rotation_with_the_in_memory_store_keeps_values_readable_and_destroys_the_previous_kek()
    {
        var store = new InMemoryKeyStore();
        await using var services = Build(store);
        using var scope = services.GetRequiredService<ITenantContext>().Begin("acme");
        var encrypted = await EncryptAsync(services);
        var previous = (await store.GetAllAsync()).Single(k => k.Kind == DataKeyKind.TenantKey);
        var keys = services.GetRequiredService<IKeyManager>();

        Assert.False((await keys.RotateKeyEncryptionKeyAsync()).IsComplete);
        _clock.Advance(new EncryptionOptions().KeyRefreshInterval);
        var rotation = await keys.RotateKeyEncryptionKeyAsync();

        Assert.True(rotation.IsComplete);
        Assert.Equal([previous.Id], rotation.DestroyedKeyEncryptionKeyIds);
        Assert.Null((await store.GetAllAsync()).Single(k => k.Id == previous.Id).WrappedKey);
        Assert.Equal(Secret, services.GetRequiredService<FieldEncryptor>().Column("Customer", "Email").DecryptString(encrypted));
    }

    [Fact]
    public async Task A_tenant_kek_rotation_is_refused_with_a_key_store_that_cannot_replace_wrapped_keys()
    {
        var store = new CountingKeyStore();
        await using var services = Build(store);
        using var scope = services.GetRequiredService<ITenantContext>().Begin("acme");
        await EncryptAsync(services);
        var before = (await store.GetAllAsync()).Select(k => $"{k.Id} {k.Kind} {k.Status} {Convert.ToHexString(k.WrappedKey ?? [])}").ToList();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<IKeyManager>().RotateKeyEncryptionKeyAsync());

        Assert.Contains("cannot replace wrapped keys", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await store.GetAllAsync()).Select(k => $"{k.Id} {k.Kind} {k.Status} {Convert.ToHexString(k.WrappedKey ?? [])}"));
    }

    private ServiceProvider Build(IKeyStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDataGuard();
        services.AddSingleton(store);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services.BuildServiceProvider();
    }

    private static async Task<string> EncryptAsync(ServiceProvider services)
    {
        var encryptor = services.GetRequiredService<FieldEncryptor>();
        await encryptor.EnsureReadyAsync(CancellationToken.None);
        return encryptor.Column("Customer", "Email").EncryptString(Secret);
    }
}
