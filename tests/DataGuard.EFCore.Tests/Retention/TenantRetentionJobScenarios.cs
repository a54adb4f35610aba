using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataGuard.EFCore.Tests.Retention.TenantRetentionHost;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>
/// The scheduled retention job in a shared database with tenants (<see cref="TenantRetentionContext"/>): one run covers
/// every tenant that has rows, each inside its own scope, so each tenant's holds protect its rows only, the same
/// subject id in two tenants is two subjects, and a tenant whose key is revoked fails alone. Checked with plain SQL.
/// </summary>
public abstract class TenantRetentionJobScenarios
{
    private static readonly Guid Ana = Guid.Parse("0b0c6c59-4c3e-4d39-9a7c-1f1d7e3a0a01");
    private static readonly Guid Bob = Guid.Parse("0b0c6c59-4c3e-4d39-9a7c-1f1d7e3a0a02");
    private static readonly Guid Cara = Guid.Parse("0b0c6c59-4c3e-4d39-9a7c-1f1d7e3a0a03");

    /// <summary>A new, empty database for this test (hosts started with it share it).</summary>
    internal abstract Action<DbContextOptionsBuilder> NewDatabase();

    /// <summary>Ana's visits (one due, one recent), Bob's due membership and Cara's due device, in the tenant.</summary>
    private static Task SeedAsync(TenantRetentionHost host, string tenant)
        => host.AddAsync(tenant, Visit(Ana, daysAgo: 40), Visit(Ana, daysAgo: 1), Member(Bob, daysAgo: 40), Device(Cara, daysAgo: 40));

    private static async Task<List<Guid>> PersonsAsync(TenantRetentionHost host, string table, string tenant)
        => (await host.ColumnAsync(table, "PersonId", $"\"TenantId\" = '{tenant}'")).Select(static v => Guid.Parse(v!)).Order().ToList();

    [StoreFact]
    public async Task The_scheduled_run_deletes_anonymises_and_shreds_in_every_tenant_and_a_hold_keeps_only_its_own_tenants_rows()
    {
        await using var host = await TenantRetentionHost.StartAsync(NewDatabase(), audit: true);
        foreach (var tenant in new[] { "acme", "globex", "initech" })
        {
            await SeedAsync(host, tenant);
        }

        using (host.Tenants.Begin("initech"))
        {
            foreach (var person in new[] { Ana, Bob, Cara })
            {
                await host.Holds.PlaceOnSubjectAsync(person, "Dispute D-17", "legal@initech.example");
            }
        }

        var lines = await host.RunJobAsync();

        Assert.Equal(["acme", "globex", "initech", "initech"], await host.ColumnAsync("Visits", "TenantId"));
        Assert.Equal(["acme", "globex"], await host.ColumnAsync("Members", "TenantId", "\"DataGuardAnonymizedAt\" IS NOT NULL"));
        Assert.Equal(3, await host.CountAsync("Devices")); // shredding keeps the rows and destroys the person's key
        Assert.Equal(["initech"], await host.ColumnAsync("DataGuardKeys", "TenantId", $"\"SubjectId\" = '{Cara:D}' AND \"WrappedKey\" IS NOT NULL"));
        Assert.Equal(1, await host.CountAsync("Members", "\"TenantId\" = 'initech' AND \"DataGuardAnonymizedAt\" IS NULL AND \"Email\" IS NOT NULL"));
        // Each tenant's run is on its own audit chain; initech's changed nothing and records nothing.
        Assert.Equal(["acme", "globex"], await host.ColumnAsync("DataGuardAuditEntries", "TenantId", "\"Action\" = 'retention.run'"));
        Assert.Contains(lines, static l => l.Contains("tenant acme: 1 rows deleted, 1 anonymised, 1 shredded", StringComparison.Ordinal));
        Assert.Contains("ran for 3 tenants, 0 of them failed", lines[^1], StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_hold_on_a_subject_in_one_tenant_does_not_protect_the_same_subject_id_in_another_tenant()
    {
        await using var host = await TenantRetentionHost.StartAsync(NewDatabase());
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await host.AddAsync(tenant, Visit(Ana, daysAgo: 40), Visit(Bob, daysAgo: 40));
        }

        using (host.Tenants.Begin("acme"))
        {
            await host.Holds.PlaceOnSubjectAsync(Ana, "Dispute D-17", "legal@acme.example");
        }

        using (host.Tenants.Begin("globex"))
        {
            await host.Holds.PlaceOnSubjectAsync(Bob, "Dispute D-18", "legal@globex.example");
        }

        var lines = await host.RunJobAsync();

        Assert.Equal([Ana], await PersonsAsync(host, "Visits", "acme"));
        Assert.Equal([Bob], await PersonsAsync(host, "Visits", "globex"));
        Assert.Contains(lines, static l => l.Contains("tenant globex: 1 rows deleted, 0 anonymised, 0 shredded; 1 rows past their period kept",
            StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task A_tenant_whose_key_is_revoked_fails_alone_with_a_logged_error_and_the_other_tenants_are_retained()
    {
        var database = NewDatabase();
        var dataProtection = new EphemeralDataProtectionProvider();
        var customerKey = new RevocableKeyWrapper(dataProtection, "globex");
        void CustomerKey(DataGuard.DependencyInjection.IDataGuardBuilder b) => b.UseTenantKeyWrapper("globex", _ => customerKey);
        await using (var before = await TenantRetentionHost.StartAsync(database, dataProtection, dataGuard: CustomerKey))
        {
            foreach (var tenant in new[] { "acme", "globex", "initech" })
            {
                await SeedAsync(before, tenant);
            }
        }

        customerKey.Revoked = true;
        await using var host = await TenantRetentionHost.StartAsync(database, dataProtection, dataGuard: CustomerKey, create: false); // nothing cached

        var lines = await host.RunJobAsync();

        Assert.Equal([Ana], await PersonsAsync(host, "Visits", "acme"));
        Assert.Equal([Ana], await PersonsAsync(host, "Visits", "initech"));
        Assert.Equal(["acme", "initech"], await host.ColumnAsync(
            "Members", "TenantId", "\"DataGuardAnonymizedAt\" IS NOT NULL AND \"TenantId\" <> 'globex'"));
        Assert.Equal(2, await host.CountAsync("Visits", "\"TenantId\" = 'globex'")); // its due visit stays: its run failed
        Assert.Contains(lines, static l => l.Contains("error] DataGuard retention for tenant globex failed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, static l => l.Contains("tenant acme failed", StringComparison.Ordinal));
        Assert.Contains("ran for 3 tenants, 1 of them failed", lines[^1], StringComparison.Ordinal);
    }
}
