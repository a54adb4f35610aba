using System.Security.Cryptography;
using DataGuard.Keys;
using DataGuard.Pkcs11.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Pkcs11.Tests;

/// <summary>Rotating the key-encryption key: a new key under a new label on the token, the old label kept as a previous
/// key until <see cref="IKeyManager.RewrapAsync"/> has moved every data key, then deleted.</summary>
public sealed class Pkcs11RotationTests
{
    [SoftHsmFact]
    public void A_key_wrapped_by_a_previous_label_unwraps_and_asks_for_a_rewrap()
    {
        var (v1, v2) = (SoftHsm.NewLabel("kek-v1"), SoftHsm.NewLabel("kek-v2"));
        SoftHsm.CreateKey(v1);
        SoftHsm.CreateKey(v2);
        var key = RandomNumberGenerator.GetBytes(32);
        using var before = new Pkcs11KeyWrapper(SoftHsm.Options(v1));
        var wrapped = before.Wrap(key);
        var options = SoftHsm.Options(v2);
        options.PreviousKeyLabels.Add(v1);
        using var rotated = new Pkcs11KeyWrapper(options);

        var old = rotated.Unwrap(wrapped, out var oldNeedsRewrap);
        var current = rotated.Unwrap(rotated.Wrap(key), out var currentNeedsRewrap);

        Assert.Equal(key, old);
        Assert.True(oldNeedsRewrap);
        Assert.Equal(key, current);
        Assert.False(currentNeedsRewrap);
    }

    [SoftHsmFact]
    public async Task Rewrap_moves_every_data_key_to_the_new_label_so_the_old_key_can_be_deleted()
    {
        var (v1, v2) = (SoftHsm.NewLabel("kek-v1"), SoftHsm.NewLabel("kek-v2"));
        SoftHsm.CreateKey(v1);
        var store = new InMemoryKeyStore();
        await using (var first = Host(store, v1))
        {
            await first.GetRequiredService<IKeyManager>().RotateAsync();
            await first.GetRequiredService<IKeyManager>().RotateAsync();
        }

        SoftHsm.CreateKey(v2);
        await using (var rotated = Host(store, v2, v1))
        {
            var result = await rotated.GetRequiredService<IKeyManager>().RewrapAsync();
            Assert.Equal((result.KeysChecked, 0), (result.KeysRewrapped, result.UnreadableKeyIds.Count));
            Assert.True(result.KeysRewrapped >= 2);
        }

        SoftHsm.DeleteKey(v1);
        await using var after = Host(store, v2);
        var again = await after.GetRequiredService<IKeyManager>().RewrapAsync();
        Assert.Equal((0, 0), (again.KeysRewrapped, again.UnreadableKeyIds.Count));
        Assert.True(again.KeysChecked >= 2);
    }

    internal static ServiceProvider Host(InMemoryKeyStore store, string keyLabel, string? previous = null, string? tenant = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IKeyStore>(store);
        services.AddDataGuard().ProtectKeysWithPkcs11(o =>
        {
            var defaults = SoftHsm.Options(keyLabel, tenant: tenant);
            (o.LibraryPath, o.TokenLabel, o.Pin, o.KeyLabel, o.Tenant) = (defaults.LibraryPath, defaults.TokenLabel, defaults.Pin, defaults.KeyLabel,
                defaults.Tenant);
            if (previous is not null)
            {
                o.PreviousKeyLabels.Add(previous);
            }
        });
        return services.BuildServiceProvider();
    }
}
