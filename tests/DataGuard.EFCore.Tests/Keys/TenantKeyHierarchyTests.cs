using System.Security.Cryptography;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Tenants.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>The tenant key hierarchy: a key-encryption key per tenant wraps the tenant's keys; rotation is per tenant;
/// a customer's revoked key makes only its tenant unreadable; shredding a tenant's key needs a check first.</summary>
public sealed class TenantKeyHierarchyTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_tenants_keys_are_wrapped_by_its_key_encryption_key_not_by_the_platform_wrapper()
    {
        await using var host = Start();
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));

        var keys = await host.InTenantAsync("acme", db => db.Set<DataKeyRecord>().AsNoTracking().ToListAsync());
        var platform = host.Services.GetRequiredService<IKeyWrapper>();
        var kek = Assert.Single(keys, k => k.Kind == DataKeyKind.TenantKey);
        Assert.Equal("acme", kek.TenantId);
        CryptographicOperations.ZeroMemory(platform.Unwrap(kek.WrappedKey!)); // the KEK itself: under the platform wrapper
        foreach (var key in keys.Where(k => k.Kind is DataKeyKind.Data or DataKeyKind.BlindIndex))
        {
            Assert.Equal("acme", key.TenantId);
            Assert.Equal(TenantKeyWrapper.Version, key.WrappedKey![0]);
            Assert.ThrowsAny<CryptographicException>(() => platform.Unwrap(key.WrappedKey));
        }
    }

    [Fact]
    public async Task Rotating_one_tenants_keys_leaves_the_other_tenants_keys_untouched()
    {
        // A database per tenant: re-encryption walks every row of the tenant's tables.
        await using var host = TenantKeyHost.Start(t => $"Data Source={Path.Combine(_folder.Path, t + ".db")};Pooling=False", postgres: false, _dataProtection);
        await host.CreateDatabaseAsync("acme");
        await host.CreateDatabaseAsync("globex");
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@globex.example"));
        await host.AddAsync("acme", ana);
        await host.AddAsync("globex", bob);
        var globexBefore = await KeysOfAsync(host, "globex");

        using (host.Tenants.Begin("acme"))
        {
            await host.Services.GetRequiredService<IKeyManager>().RotateAsync();
            var report = await host.Services.GetRequiredService<IFieldReencryptor>().RunAsync();
            Assert.True(report.TotalRows > 0);
        }

        var acmeAfter = await KeysOfAsync(host, "acme");
        Assert.Equal(2, acmeAfter.Count(k => k.Kind == DataKeyKind.Data));
        Assert.Equal(
            globexBefore.Select(k => (k.Id, k.Kind, k.Status, Convert.ToHexString(k.WrappedKey!))),
            (await KeysOfAsync(host, "globex")).Select(k => (k.Id, k.Kind, k.Status, Convert.ToHexString(k.WrappedKey!))));
        Assert.Equal("ana@acme.example", (await host.ReadAsync("acme", ana.Id)).Email);
        Assert.Equal("bob@globex.example", (await host.ReadAsync("globex", bob.Id)).Email);
    }

    [Fact]
    public async Task Reads_in_a_tenant_whose_customer_key_is_revoked_fail_naming_the_tenant_and_other_tenants_keep_working()
    {
        var customerKey = new RevocableKeyWrapper(_dataProtection, "acme");
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@globex.example"));
        await using (var before = Start(b => b.UseTenantKeyWrapper("acme", _ => customerKey)))
        {
            await before.AddAsync("acme", ana);
            await before.AddAsync("globex", bob);
        }

        customerKey.Revoked = true;
        await using var after = Start(b => b.UseTenantKeyWrapper("acme", _ => customerKey)); // a restart: nothing cached

        var failed = await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => after.ReadAsync("acme", ana.Id));
        Assert.Equal("acme", failed.Tenant);
        Assert.Contains("Tenant 'acme'", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", failed.ToString(), StringComparison.Ordinal);
        Assert.Equal("bob@globex.example", (await after.ReadAsync("globex", bob.Id)).Email);
    }

    [Fact]
    public async Task Shredding_a_tenants_key_is_refused_when_the_check_is_stale()
    {
        await using var host = Start();
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));
        var shredder = host.Services.GetRequiredService<TenantKeyShredder>();
        var plan = await shredder.CheckAsync("acme", CancellationToken.None);

        var forged = plan with { KeyEncryptionKeyIds = [] };
        await Assert.ThrowsAsync<InvalidOperationException>(() => shredder.ShredAsync(forged, CancellationToken.None));
        var old = plan with { CheckedAt = plan.CheckedAt - TenantKeyShredder.PlanLifetime - TimeSpan.FromSeconds(1) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => shredder.ShredAsync(old, CancellationToken.None));
        Assert.Contains(await KeysOfAsync(host, "acme"), k => k.Kind == DataKeyKind.TenantKey && k.WrappedKey is not null);
    }

    [Fact]
    public async Task Shredding_a_tenants_key_makes_all_its_values_unreadable_and_leaves_other_tenants_readable()
    {
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@globex.example"));
        await using (var host = Start())
        {
            await host.AddAsync("acme", ana);
            await host.AddAsync("globex", bob);
            var shredder = host.Services.GetRequiredService<TenantKeyShredder>();
            Assert.Equal(1, await shredder.ShredAsync(await shredder.CheckAsync("acme", CancellationToken.None), CancellationToken.None));

            var failed = await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => host.ReadAsync("acme", ana.Id));
            Assert.Equal("acme", failed.Tenant);
            await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => host.AddAsync("acme", TenantKeyHost.NewCustomer("new@acme.example")));
            Assert.Equal("bob@globex.example", (await host.ReadAsync("globex", bob.Id)).Email);
        }

        await using var restarted = Start();
        await Assert.ThrowsAsync<TenantKeyUnavailableException>(() => restarted.ReadAsync("acme", ana.Id));
        Assert.Equal("bob@globex.example", (await restarted.ReadAsync("globex", bob.Id)).Email);
    }

    private TenantKeyHost Start(Action<DataGuard.DependencyInjection.IDataGuardBuilder>? configure = null)
    {
        var host = TenantKeyHost.Start(t => $"Data Source={Path.Combine(_folder.Path, "shared.db")};Pooling=False", postgres: false, _dataProtection, configure);
        host.CreateDatabaseAsync(null).GetAwaiter().GetResult();
        return host;
    }

    private static Task<List<DataKeyRecord>> KeysOfAsync(TenantKeyHost host, string tenant)
        => host.InTenantAsync(tenant, db => db.Set<DataKeyRecord>().AsNoTracking().Where(k => k.TenantId == tenant).OrderBy(k => k.Id).ToListAsync());
}
