using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Two tenants served by one service provider never see each other's keys: each has its own key ring, subject
/// keys and blind-index key, in a database of its own or in one shared database.</summary>
public sealed class TenantKeyIsolationTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Values_written_in_one_tenants_database_do_not_decrypt_in_another_tenants_scope()
    {
        await using var host = TenantKeyHost.Start(DatabasePerTenant, postgres: false, _dataProtection);
        await host.CreateDatabaseAsync("acme");
        await host.CreateDatabaseAsync("globex");
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@globex.example"));
        await host.AddAsync("acme", ana);
        await host.AddAsync("globex", bob);

        // Each tenant's database starts its key ids at 1: only a ring per tenant tells acme's key 1 from globex's.
        var acmeEmail = await StoredEmailAsync(host, "acme");
        var globexEmail = await StoredEmailAsync(host, "globex");
        await SetStoredEmailAsync(host, "globex", acmeEmail);
        await SetStoredEmailAsync(host, "acme", globexEmail);

        var inGlobex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync("globex", bob.Id));
        var inAcme = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync("acme", ana.Id));
        Assert.Contains("tenant 'globex'", inGlobex.Message, StringComparison.Ordinal);
        Assert.Contains("tenant 'acme'", inAcme.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@acme.example", inGlobex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bob@globex.example", inAcme.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_tenant_reads_its_own_values_in_its_own_database()
    {
        await using var host = TenantKeyHost.Start(DatabasePerTenant, postgres: false, _dataProtection);
        await host.CreateDatabaseAsync("acme");
        await host.CreateDatabaseAsync("globex");
        var (ana, bob) = (TenantKeyHost.NewCustomer("ana@acme.example"), TenantKeyHost.NewCustomer("bob@globex.example"));
        await host.AddAsync("acme", ana);
        await host.AddAsync("globex", bob);

        Assert.Equal("ana@acme.example", (await host.ReadAsync("acme", ana.Id)).Email);
        Assert.Equal("bob@globex.example", (await host.ReadAsync("globex", bob.Id)).Email);
        Assert.Equal(1, await host.InTenantAsync("acme", db => db.Customers.WhereEncrypted(c => c.Email, "ana@acme.example").CountAsync()));
    }

    [Fact]
    public Task Tenants_sharing_a_SQLite_database_never_use_each_others_keys()
        => SharedDatabaseScenarioAsync($"Data Source={Path.Combine(_folder.Path, "shared.db")};Pooling=False", postgres: false);

    [PostgresFact]
    public Task Tenants_sharing_a_PostgreSQL_database_never_use_each_others_keys()
        => SharedDatabaseScenarioAsync(PostgresTestDatabase.ForNewDatabase("tkeys_shared"), postgres: true);

    private async Task SharedDatabaseScenarioAsync(string connection, bool postgres)
    {
        await using var host = TenantKeyHost.Start(_ => connection, postgres, _dataProtection);
        await host.CreateDatabaseAsync(null);
        var (ana, bob, cy) = (TenantKeyHost.NewCustomer("same@example.org"), TenantKeyHost.NewCustomer("same@example.org"), TenantKeyHost.NewCustomer("platform@example.org"));
        await host.AddAsync("acme", ana);
        await host.AddAsync("globex", bob);
        await host.AddAsync(null, cy);

        Assert.Equal("same@example.org", (await host.ReadAsync("acme", ana.Id)).Email);
        Assert.Equal("same@example.org", (await host.ReadAsync("globex", bob.Id)).Email);
        Assert.Equal("platform@example.org", (await host.ReadAsync(null, cy.Id)).Email);
        var inGlobex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync("globex", ana.Id));
        Assert.Contains("tenant 'globex'", inGlobex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync("acme", bob.Id));
        await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync(null, ana.Id)); // no fallback either way
        await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.ReadAsync("acme", cy.Id));

        // Equal values in two tenants: different blind indexes (each tenant has its own blind-index key).
        var indexes = await host.InTenantAsync(null, db => db.Database
            .SqlQueryRaw<byte[]>("SELECT \"EmailBlindIndex\" AS \"Value\" FROM \"Customers\" WHERE \"Id\" IN ({0}, {1})", ana.Id, bob.Id).ToListAsync());
        Assert.Equal(2, indexes.Count);
        Assert.NotEqual(Convert.ToHexString(indexes[0]), Convert.ToHexString(indexes[1]));

        var keys = await host.InTenantAsync(null, db => db.Set<DataKeyRecord>().AsNoTracking().ToListAsync());
        Assert.Equal(["acme", "globex"], keys.Where(k => k.Kind == DataKeyKind.TenantKey).Select(k => k.TenantId).Order());
        Assert.All(keys.Where(k => k.TenantId is null), k => Assert.NotEqual(DataKeyKind.TenantKey, k.Kind));
        Assert.Equal(2, keys.Count(k => k.TenantId is null)); // the platform's data and blind-index keys, as before tenants
    }

    private string DatabasePerTenant(string? tenant)
        => $"Data Source={Path.Combine(_folder.Path, (tenant ?? "platform") + ".db")};Pooling=False";

    private static Task<string> StoredEmailAsync(TenantKeyHost host, string tenant)
        => host.InTenantAsync(tenant, db => db.Database.SqlQueryRaw<string>("SELECT \"Email\" AS \"Value\" FROM \"Customers\"").SingleAsync());

    private static Task<int> SetStoredEmailAsync(TenantKeyHost host, string tenant, string stored)
        => host.InTenantAsync(tenant, db => db.Database.ExecuteSqlRawAsync("UPDATE \"Customers\" SET \"Email\" = {0}", stored));
}
