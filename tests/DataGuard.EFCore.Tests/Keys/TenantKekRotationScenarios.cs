using System.Buffers.Binary;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Tenants;
using DataGuard.Tenants.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>
/// Rotation of a tenant's own key-encryption key (<see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/>) with the EF Core
/// key store, tenants sharing one database with subject keys on. The same scenarios run on SQLite and PostgreSQL
/// (<see cref="SqliteTenantKekRotationTests"/>, <see cref="PostgresTenantKekRotationTests"/>); each uses a database of its own.
/// </summary>
internal sealed class TenantKekRotationScenarios(Func<string> newDatabase, bool postgres)
{
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private static TimeSpan RefreshInterval => new EncryptionOptions().KeyRefreshInterval;

    /// <summary>Values written before the rotation read after it, in the instance that rotated and in a fresh one; the
    /// first call leaves the previous key-encryption key until the refresh interval has passed, the call after it
    /// destroys it.</summary>
    public Task ValuesWrittenBeforeRotationReadAfterItAsync() => WithDatabaseAsync(async connection =>
    {
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@acme.example"));
        await using (var host = await StartAsync(connection, create: true))
        {
            await host.AddAsync("acme", ana);
            var oldKek = (await KekAsync(host, "acme")).Id;
            var started = await RotateAsync(host, "acme");
            Assert.False(started.IsComplete);
            Assert.NotEqual(oldKek, started.KeyEncryptionKeyId);
            Assert.Equal(_time.GetUtcNow() + RefreshInterval, started.CompleteAfter);
            Assert.Empty(started.DestroyedKeyEncryptionKeyIds);
            Assert.NotNull((await KeysAsync(host)).Single(k => k.Id == oldKek).WrappedKey); // kept for other instances, for now

            _time.Advance(RefreshInterval);
            var completed = await RotateAsync(host, "acme");
            Assert.True(completed.IsComplete);
            Assert.Equal(started.KeyEncryptionKeyId, completed.KeyEncryptionKeyId); // continued, not a second rotation
            Assert.Equal([oldKek], completed.DestroyedKeyEncryptionKeyIds);
            Assert.Equal("ana@acme.example", (await host.ReadAsync("acme", ana.Id)).Email);
            await host.AddAsync("acme", bob);
        }

        await using var fresh = await StartAsync(connection);
        Assert.Equal("ana@acme.example", (await fresh.ReadAsync("acme", ana.Id)).Email);
        Assert.Equal("bob@acme.example", (await fresh.ReadAsync("acme", bob.Id)).Email);
        Assert.Equal(1, await fresh.InTenantAsync("acme", db => db.Customers.WhereEncrypted(c => c.Email, "ana@acme.example").CountAsync()));
    });

    /// <summary>Afterwards no row holds the previous key-encryption key's wrapped bytes, and every key of the tenant (data,
    /// blind-index, subject) is wrapped again, naming the new key-encryption key.</summary>
    public Task EveryKeyIsRewrappedAndThePreviousKekIsGoneAsync() => WithDatabaseAsync(async connection =>
    {
        await using var host = await StartAsync(connection, create: true);
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("cy@acme.example"));
        var before = (await KeysAsync(host)).Where(k => k.TenantId == "acme").ToList();
        var oldKek = before.Single(k => k.Kind == DataKeyKind.TenantKey);

        var rotation = await RotateCompletelyAsync(host, "acme");

        var after = await KeysAsync(host);
        Assert.DoesNotContain(after, k => k.WrappedKey is not null && k.WrappedKey.AsSpan().IndexOf(oldKek.WrappedKey) >= 0);
        var destroyed = after.Single(k => k.Id == oldKek.Id);
        Assert.Equal((DataKeyStatus.Destroyed, null), (destroyed.Status, destroyed.WrappedKey));
        var owned = before.Where(k => k.Kind != DataKeyKind.TenantKey).ToList();
        Assert.Equal(2, owned.Count(k => k.Kind == DataKeyKind.Subject));
        Assert.Contains(owned, k => k.Kind == DataKeyKind.Data);
        Assert.Contains(owned, k => k.Kind == DataKeyKind.BlindIndex);
        foreach (var key in owned)
        {
            var now = after.Single(k => k.Id == key.Id).WrappedKey!;
            Assert.NotEqual(Convert.ToHexString(key.WrappedKey!), Convert.ToHexString(now));
            Assert.Equal(rotation.KeyEncryptionKeyId, BinaryPrimitives.ReadInt32BigEndian(now.AsSpan(1)));
        }
    });

    /// <summary>Rotating acme's key-encryption key changes not one byte of globex's or the platform's key rows.</summary>
    public Task OtherTenantsKeysStayByteForByteAsync() => WithDatabaseAsync(async connection =>
    {
        await using var host = await StartAsync(connection, create: true);
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));
        var bob = TenantKeyHost.NewCustomer("bob@globex.example");
        await host.AddAsync("globex", bob);
        await host.AddAsync(null, TenantKeyHost.NewCustomer("cy@platform.example"));
        var others = Snapshot((await KeysAsync(host)).Where(k => k.TenantId != "acme"));

        await RotateCompletelyAsync(host, "acme");

        Assert.Equal(others, Snapshot((await KeysAsync(host)).Where(k => k.TenantId != "acme")));
        Assert.Equal("bob@globex.example", (await host.ReadAsync("globex", bob.Id)).Email);
    });

    /// <summary>An instance that loaded the tenant's key-encryption keys before the rotation wraps new keys under the new
    /// one once its keys are older than the refresh interval, so keys it adds after the previous key-encryption key was
    /// destroyed still read everywhere.</summary>
    public Task AnotherInstanceWrapsUnderTheNewKekAfterTheRefreshIntervalAsync() => WithDatabaseAsync(async connection =>
    {
        await using var rotating = await StartAsync(connection, create: true);
        await using var other = await StartAsync(connection);
        await other.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example")); // the other instance caches acme's keys

        await RotateCompletelyAsync(rotating, "acme");
        var late = TenantKeyHost.NewCustomer("late@acme.example");
        await other.AddAsync("acme", late); // a new subject key, wrapped by the other instance

        await using var fresh = await StartAsync(connection);
        Assert.Equal("late@acme.example", (await fresh.ReadAsync("acme", late.Id)).Email);
    });

    /// <summary>Shredding after a rotation destroys the new key-encryption key too: the tenant is unreadable.</summary>
    public Task ShreddingAfterRotationLeavesTheTenantUnreadableAsync() => WithDatabaseAsync(async connection =>
    {
        var ana = TenantKeyHost.NewCustomer("ana@acme.example");
        await using (var host = await StartAsync(connection, create: true))
        {
            await host.AddAsync("acme", ana);
            await RotateAsync(host, "acme"); // the previous key-encryption key is still there: both are shredded
            var shredder = host.Services.GetRequiredService<TenantKeyShredder>();
            Assert.Equal(2, await shredder.ShredAsync(await shredder.CheckAsync("acme", CancellationToken.None), CancellationToken.None));
            await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => host.ReadAsync("acme", ana.Id));
            await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => RotateAsync(host, "acme"));
            Assert.DoesNotContain(await KeysAsync(host), k => k.Kind == DataKeyKind.TenantKey && k.WrappedKey is not null);
        }

        await using var fresh = await StartAsync(connection);
        await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => fresh.ReadAsync("acme", ana.Id));
    });

    /// <summary>At platform level the rotation is refused before anything is written.</summary>
    public Task RotationAtPlatformLevelIsRefusedAsync() => WithDatabaseAsync(async connection =>
    {
        await using var host = await StartAsync(connection, create: true);
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));
        await host.AddAsync(null, TenantKeyHost.NewCustomer("cy@platform.example"));
        var before = Snapshot(await KeysAsync(host));

        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Services.GetRequiredService<IKeyManager>().RotateKeyEncryptionKeyAsync());

        Assert.Equal(before, Snapshot(await KeysAsync(host)));
    });

    private async Task<KeyEncryptionKeyRotation> RotateCompletelyAsync(TenantKeyHost host, string tenant)
    {
        Assert.False((await RotateAsync(host, tenant)).IsComplete);
        _time.Advance(RefreshInterval);
        var rotation = await RotateAsync(host, tenant);
        Assert.True(rotation.IsComplete);
        return rotation;
    }

    private static async Task<KeyEncryptionKeyRotation> RotateAsync(TenantKeyHost host, string tenant)
    {
        using (host.Tenants.Begin(tenant))
        {
            return await host.Services.GetRequiredService<IKeyManager>().RotateKeyEncryptionKeyAsync();
        }
    }

    private async Task<TenantKeyHost> StartAsync(string connection, bool create = false)
    {
        var host = TenantKeyHost.Start(_ => connection, postgres, _dataProtection, builder =>
        {
            builder.Services.Configure<DataGuardOptions>(o => o.Encryption.SubjectKeys = true);
            builder.Services.AddSingleton<TimeProvider>(_time);
        });
        if (create)
        {
            await host.CreateDatabaseAsync(null);
        }

        return host;
    }

    private async Task WithDatabaseAsync(Func<string, Task> scenario)
    {
        var connection = newDatabase();
        try
        {
            await scenario(connection);
        }
        finally
        {
            if (postgres)
            {
                await using var cleanup = await StartAsync(connection);
                await PostgresTestDatabase.DeleteAsync(() => cleanup.InTenantAsync(null, db => db.Database.EnsureDeletedAsync()));
            }
        }
    }

    private static Task<List<DataKeyRecord>> KeysAsync(TenantKeyHost host)
        => host.InTenantAsync(null, db => db.Set<DataKeyRecord>().AsNoTracking().OrderBy(k => k.Id).ToListAsync());

    private static async Task<DataKeyRecord> KekAsync(TenantKeyHost host, string tenant)
        => (await KeysAsync(host)).Single(k => k.Kind == DataKeyKind.TenantKey && k.TenantId == tenant);

    private static List<string> Snapshot(IEnumerable<DataKeyRecord> keys)
        => keys.Select(k => $"{k.Id} {k.TenantId} {k.Kind} {k.Status} {k.SubjectId} {Convert.ToHexString(k.WrappedKey ?? [])}").ToList();
}
