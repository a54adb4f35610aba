using System.Security.Cryptography;
using System.Text;
using DataGuard.Keys;
using DataGuard.Pkcs11.Tests.Testing;
using DataGuard.Tenants.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>
/// Tenant keys on a real PKCS#11 token, end to end through EF Core: acme's key-encryption key is wrapped by its own key on
/// SoftHSM2 token A, globex's by its own key on token B, and initech's by the platform's wrapper (Data Protection). The
/// same scenarios run on SQLite and PostgreSQL (<see cref="SqliteTenantHsmKeyTests"/>, <see cref="PostgresTenantHsmKeyTests"/>).
/// </summary>
internal sealed class TenantHsmKeyScenarios(TenantDatabase database)
{
    public const string Acme = "acme";
    public const string Globex = "globex";
    public const string Initech = "initech";

    /// <summary>Every DataGuard key is 256 bits.</summary>
    private const int KeySize = 32;

    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly string _acmeLabel = SoftHsm.NewLabel("acme-kek");
    private readonly string _globexLabel = SoftHsm.NewLabel("globex-kek");

    /// <summary>Wrap and unwrap: each tenant's values read back after a restart, each tenant's key-encryption key is
    /// wrapped by its own wrapper only, and equal values have a blind index per tenant.</summary>
    public async Task EachTenantReadsThroughItsOwnWrapperAsync()
    {
        CreateCustomerKeys();
        Dictionary<string, Guid> ids;
        await using (var first = await StartAsync(create: true))
        {
            ids = await AddOnePerTenantAsync(first, "same@example.org");
        }

        await using var restarted = await StartAsync();
        foreach (var tenant in new[] { Acme, Globex, Initech })
        {
            Assert.Equal(("same@example.org", $"{tenant} diagnosis"), await restarted.ReadAsync(tenant, ids[tenant]));
            Assert.Equal(1, await restarted.CountByEmailAsync(tenant, "same@example.org"));
        }

        var keks = (await KeysAsync(restarted)).Where(k => k.Kind == DataKeyKind.TenantKey).ToDictionary(k => k.TenantId!);
        Assert.Equal([Acme, Globex, Initech], keks.Keys.Order());
        using var acmeKey = new Pkcs11KeyWrapper(AcmeOptions(_acmeLabel));
        using var globexKey = new Pkcs11KeyWrapper(GlobexOptions());
        var platform = restarted.Services.GetRequiredService<IKeyWrapper>();
        Assert.Equal(KeySize, Unwrapped(acmeKey, keks[Acme]));
        Assert.Equal(KeySize, Unwrapped(globexKey, keks[Globex]));
        Assert.Equal(KeySize, Unwrapped(platform, keks[Initech]));
        Assert.ThrowsAny<CryptographicException>(() => Unwrapped(globexKey, keks[Acme]));
        Assert.ThrowsAny<CryptographicException>(() => Unwrapped(acmeKey, keks[Globex]));
        Assert.ThrowsAny<CryptographicException>(() => Unwrapped(platform, keks[Acme]));
        Assert.ThrowsAny<CryptographicException>(() => Unwrapped(acmeKey, keks[Initech]));
    }

    /// <summary>Rotation of acme's key: a new data key, then the customer's new key on the token (the old label kept as a
    /// previous key), acme's key-encryption key re-wrapped under it, the old key deleted from the token. Values written
    /// before and after read back; the other tenants' keys are not touched.</summary>
    public async Task RotatingAcmesKeysKeepsOldAndNewValuesReadableAsync()
    {
        CreateCustomerKeys();
        var newLabel = SoftHsm.NewLabel("acme-kek-v2");
        Guid old;
        List<DataKeyRecord> othersBefore;
        await using (var first = await StartAsync(create: true))
        {
            old = await first.AddAsync(Acme, "old@acme.example", "written before rotation");
            await AddOnePerTenantAsync(first, "other@example.org");
            othersBefore = OtherTenantsKeys(await KeysAsync(first));
            await first.WithServiceAsync<IKeyManager, KeyInfo>(Acme, keys => keys.RotateAsync());
        }

        SoftHsm.CreateKey(newLabel);
        Guid fresh;
        await using (var rotated = await StartAsync(acme: AcmeOptions(newLabel, previous: _acmeLabel)))
        {
            var result = await rotated.WithServiceAsync<IKeyManager, KeyRewrapResult>(Acme, keys => keys.RewrapAsync());
            Assert.Equal((1, 0), (result.KeysRewrapped, result.UnreadableKeyIds.Count)); // acme's key-encryption key
            fresh = await rotated.AddAsync(Acme, "new@acme.example", "written after rotation");
        }

        SoftHsm.DeleteKey(_acmeLabel);
        await using var after = await StartAsync(acme: AcmeOptions(newLabel));
        Assert.Equal(("old@acme.example", "written before rotation"), await after.ReadAsync(Acme, old));
        Assert.Equal(("new@acme.example", "written after rotation"), await after.ReadAsync(Acme, fresh));
        var keys = await KeysAsync(after);
        var acmeKek = Assert.Single(keys, k => k.Kind == DataKeyKind.TenantKey && k.TenantId == Acme);
        Assert.Equal(newLabel, LabelOf(acmeKek.WrappedKey!));
        Assert.Equal(2, keys.Count(k => k.TenantId == Acme && k.Kind == DataKeyKind.Data));
        Assert.Equal(Snapshot(othersBefore), Snapshot(OtherTenantsKeys(keys)));
        Assert.Equal(1, await after.CountByEmailAsync(Globex, "other@example.org"));
    }

    /// <summary>Revocation: acme's key deleted from the token makes acme's values unreadable, with an exception naming
    /// acme only, while globex (its own token) and initech (the platform's wrapper) keep reading in the same process, in
    /// the instance that had their keys cached and in one that starts cold.</summary>
    public async Task RevokingAcmesKeyLeavesOnlyAcmeUnreadableAsync()
    {
        CreateCustomerKeys();
        await using var warm = await StartAsync(create: true);
        var ids = await AddOnePerTenantAsync(warm, "patient@example.org");
        foreach (var tenant in new[] { Acme, Globex, Initech })
        {
            Assert.Equal("patient@example.org", (await warm.ReadAsync(tenant, ids[tenant])).Email);
        }

        SoftHsm.DeleteKey(_acmeLabel);

        Assert.Equal(("patient@example.org", "globex diagnosis"), await warm.ReadAsync(Globex, ids[Globex]));
        Assert.Equal(("patient@example.org", "initech diagnosis"), await warm.ReadAsync(Initech, ids[Initech]));
        await using var cold = await StartAsync();
        var failed = await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => cold.ReadAsync(Acme, ids[Acme]));
        AssertNamesOnlyAcme(failed, await KeysAsync(cold));
        for (var pass = 0; pass < 2; pass++) // the first read loads the keys cold, the second finds them cached
        {
            Assert.Equal(("patient@example.org", "globex diagnosis"), await cold.ReadAsync(Globex, ids[Globex]));
            Assert.Equal(("patient@example.org", "initech diagnosis"), await cold.ReadAsync(Initech, ids[Initech]));
            Assert.Equal(1, await cold.CountByEmailAsync(Globex, "patient@example.org"));
            Assert.Equal(1, await cold.CountByEmailAsync(Initech, "patient@example.org"));
            AssertNamesOnlyAcme(await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => cold.ReadAsync(Acme, ids[Acme])), null);
        }

        await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => cold.AddAsync(Acme, "new@acme.example", "after revocation"));
        await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => cold.CountByEmailAsync(Acme, "patient@example.org"));
    }

    /// <summary>Rotation of acme's own key-encryption key: a fresh one, wrapped by acme's key on the token, replaces it;
    /// acme's keys are re-wrapped under it, the previous one is destroyed, values read after a restart, and the other
    /// tenants' keys are not touched.</summary>
    public async Task RotatingAcmesKeyEncryptionKeyKeepsItsValuesReadableAsync()
    {
        CreateCustomerKeys();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Guid old;
        List<DataKeyRecord> before;
        await using (var host = await StartAsync(create: true, time: time))
        {
            old = await host.AddAsync(Acme, "old@acme.example", "written before rotation");
            await AddOnePerTenantAsync(host, "other@example.org");
            before = await KeysAsync(host);
            Assert.False((await host.WithServiceAsync<IKeyManager, KeyEncryptionKeyRotation>(Acme, k => k.RotateKeyEncryptionKeyAsync())).IsComplete);
            time.Advance(new DataGuard.Encryption.EncryptionOptions().KeyRefreshInterval);
            Assert.True((await host.WithServiceAsync<IKeyManager, KeyEncryptionKeyRotation>(Acme, k => k.RotateKeyEncryptionKeyAsync())).IsComplete);
        }

        await using var after = await StartAsync();
        Assert.Equal(("old@acme.example", "written before rotation"), await after.ReadAsync(Acme, old));
        var keys = await KeysAsync(after);
        var kek = Assert.Single(keys, k => k.Kind == DataKeyKind.TenantKey && k.TenantId == Acme && k.WrappedKey is not null);
        Assert.Equal(_acmeLabel, LabelOf(kek.WrappedKey!)); // the new key-encryption key is wrapped by acme's own key
        var previous = before.Single(k => k.Kind == DataKeyKind.TenantKey && k.TenantId == Acme);
        Assert.Null(keys.Single(k => k.Id == previous.Id).WrappedKey);
        Assert.All(before.Where(k => k.TenantId == Acme && k.Kind != DataKeyKind.TenantKey),
            k => Assert.NotEqual(Convert.ToHexString(k.WrappedKey!), Convert.ToHexString(keys.Single(n => n.Id == k.Id).WrappedKey!)));
        Assert.Equal(Snapshot(OtherTenantsKeys(before)), Snapshot(OtherTenantsKeys(keys)));
    }

    private static void AssertNamesOnlyAcme(TenantKeyUnavailableException failed, IReadOnlyList<DataKeyRecord>? keys)
    {
        Assert.Equal(Acme, failed.Tenant);
        Assert.Contains($"Tenant '{Acme}'", failed.Message, StringComparison.Ordinal);
        var everything = failed.ToString();
        foreach (var secret in new[] { Globex, Initech, "patient@example.org", "diagnosis" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var key in keys?.Where(k => k.WrappedKey is not null) ?? [])
        {
            Assert.DoesNotContain(Convert.ToBase64String(key.WrappedKey!), everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(key.WrappedKey!), everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    private void CreateCustomerKeys()
    {
        SoftHsm.CreateKey(_acmeLabel, SoftHsm.TokenA);
        SoftHsm.CreateKey(_globexLabel, SoftHsm.TokenB);
    }

    private async Task<HsmTenantHost> StartAsync(bool create = false, Pkcs11KeyWrapperOptions? acme = null, TimeProvider? time = null)
    {
        var host = HsmTenantHost.Start(database, _dataProtection, new Dictionary<string, Pkcs11KeyWrapperOptions>
        {
            [Acme] = acme ?? AcmeOptions(_acmeLabel),
            [Globex] = GlobexOptions(),
        }, time);
        if (create)
        {
            await host.CreateDatabaseAsync();
        }

        return host;
    }

    private static Pkcs11KeyWrapperOptions AcmeOptions(string label, string? previous = null)
    {
        var options = SoftHsm.Options(label, SoftHsm.TokenA, tenant: Acme);
        if (previous is not null)
        {
            options.PreviousKeyLabels.Add(previous);
        }

        return options;
    }

    private Pkcs11KeyWrapperOptions GlobexOptions() => SoftHsm.Options(_globexLabel, SoftHsm.TokenB, tenant: Globex);

    private static async Task<Dictionary<string, Guid>> AddOnePerTenantAsync(HsmTenantHost host, string email)
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var tenant in new[] { Acme, Globex, Initech })
        {
            ids[tenant] = await host.AddAsync(tenant, email, $"{tenant} diagnosis");
        }

        return ids;
    }

    private static Task<List<DataKeyRecord>> KeysAsync(HsmTenantHost host)
        => host.InTenantAsync(null, db => db.Set<DataKeyRecord>().AsNoTracking().OrderBy(k => k.Id).ToListAsync());

    private static List<DataKeyRecord> OtherTenantsKeys(IEnumerable<DataKeyRecord> keys) => [.. keys.Where(k => k.TenantId is Globex or Initech)];

    private static List<string> Snapshot(IEnumerable<DataKeyRecord> keys)
        => [.. keys.Select(k => $"{k.Id} {k.TenantId} {k.Kind} {k.Status} {Convert.ToHexString(k.WrappedKey ?? [])}")];

    private static int Unwrapped(IKeyWrapper wrapper, DataKeyRecord record)
    {
        var material = wrapper.Unwrap(record.WrappedKey!);
        CryptographicOperations.ZeroMemory(material);
        return material.Length;
    }

    /// <summary>The key label a PKCS#11-wrapped key names: <c>version | label length | label | …</c>.</summary>
    private static string LabelOf(byte[] wrapped) => Encoding.UTF8.GetString(wrapped, 2, wrapped[1]);
}
