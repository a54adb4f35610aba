using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>
/// Two tenants in one database, the same person id in both: from acme's scope, DataGuard's writes, export, erasure,
/// search, retention and re-encryption never read or change globex's rows, whatever the application's query filters say
/// (<see cref="TenantShopContext"/>'s filters would show globex's rows and hide acme's), and without a tenant they
/// refuse before doing anything. Checked with plain SQL. Run on every database.
/// </summary>
public abstract class TenantIsolationScenarios
{
    private static readonly Guid Person = Guid.Parse("6f1c2a7e-0d4b-4c55-9a3e-2b7d8c9e1f00");

    internal abstract Task<TenantShopHost> HostAsync();

    /// <summary>The same person in acme and globex, each with a client row (one of them soft-deleted in acme) and a note.</summary>
    private static async Task SeedAsync(TenantShopHost host, DateTime? createdAt = null)
    {
        var at = createdAt ?? TenantShopHost.Now.AddDays(-1);
        await host.AddAsync(
            "acme",
            new TenantClient { PersonId = Person, Email = "ana@example.com", Name = "Ana of acme", CreatedAt = at },
            new TenantClient { PersonId = Person, Email = "ana.old@example.com", Name = "Ana of acme, old", CreatedAt = at, IsDeleted = true },
            new TenantNote { PersonId = Person, Text = "acme note" });
        await host.AddAsync(
            "globex",
            new TenantClient { PersonId = Person, Email = "ana@example.com", Name = "Ana of globex", CreatedAt = at },
            new TenantNote { PersonId = Person, Text = "globex note" });
    }

    [StoreFact]
    public async Task Save_stamps_the_current_tenant_into_an_empty_tenant_column()
    {
        await using var host = await HostAsync();

        await SeedAsync(host);

        Assert.Equal(2, await host.CountAsync("Clients", "\"TenantId\" = 'acme'"));
        Assert.Equal(1, await host.CountAsync("Notes", "\"Tenant\" = 'acme'"));
        Assert.Equal(1, await host.CountAsync("Clients", "\"TenantId\" = 'globex'"));
        Assert.Equal(0, await host.CountAsync("Clients", "\"TenantId\" IS NULL"));
    }

    [StoreFact]
    public async Task Save_refuses_a_row_of_another_tenant_and_writes_nothing()
    {
        await using var host = await HostAsync();

        var refused = await Assert.ThrowsAsync<TenantMismatchException>(() => host.AddAsync(
            "acme",
            new TenantClient { PersonId = Person, Email = "a@example.com", Name = "fine" },
            new TenantNote { Tenant = "globex", PersonId = Person, Text = "smuggled" }));

        Assert.Equal(("acme", "globex"), (refused.Current, refused.Requested));
        Assert.Contains("TenantNote.Tenant", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("smuggled", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("Clients"));
        Assert.Equal(0, await host.CountAsync("Notes"));
    }

    [StoreFact]
    public async Task Save_without_a_tenant_is_refused_and_writes_nothing()
    {
        await using var host = await HostAsync();

        var refused = await Assert.ThrowsAsync<TenantRequiredException>(() => host.AddAsync(new TenantClient { PersonId = Person, Email = "a@example.com", Name = "n" }));

        Assert.Contains("TenantClient", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("Clients"));
    }

    [StoreFact]
    public async Task Save_refuses_moving_an_existing_row_to_another_tenant()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        using (host.Tenants.Begin("acme"))
        {
            await Assert.ThrowsAsync<TenantMismatchException>(() => host.WithContextAsync(async db =>
            {
                var client = await db.Clients.IgnoreQueryFilters().FirstAsync(c => c.TenantId == "acme");
                client.TenantId = "globex";
                await db.SaveChangesAsync();
            }));
        }

        Assert.Equal(2, await host.CountAsync("Clients", "\"TenantId\" = 'acme'"));
    }

    [StoreFact]
    public async Task Save_cannot_change_or_delete_another_tenants_row_by_guessing_its_key()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);
        var globexId = (await host.ColumnAsync("Clients", "Id", "\"TenantId\" = 'globex'")).Single()!;
        var name = (await host.ColumnAsync("Clients", "Name", "\"TenantId\" = 'globex'")).Single();

        using (host.Tenants.Begin("acme"))
        {
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => host.WithContextAsync(async db =>
            {
                var stub = new TenantClient { Id = int.Parse(globexId, System.Globalization.CultureInfo.InvariantCulture) };
                db.Clients.Attach(stub);
                stub.CreatedAt = TenantShopHost.Now;
                await db.SaveChangesAsync();
            }));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => host.WithContextAsync(async db =>
            {
                db.Clients.Remove(new TenantClient { Id = int.Parse(globexId, System.Globalization.CultureInfo.InvariantCulture) });
                await db.SaveChangesAsync();
            }));
        }

        Assert.Equal([name], await host.ColumnAsync("Clients", "Name", "\"TenantId\" = 'globex'"));
    }

    [StoreFact]
    public async Task Export_from_one_tenant_holds_its_rows_only_whatever_the_query_filters_say()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        SubjectExportPackage package;
        using (host.Tenants.Begin("acme"))
        {
            using var buffer = new MemoryStream();
            await host.Subjects.ExportAsync(Person, buffer);
            buffer.Position = 0;
            package = await SubjectExportPackage.ReadAsync(buffer);
        }

        Assert.Equal(["Ana of acme", "Ana of acme, old"], package.ReadRows("TenantClient").Select(r => r.GetProperty("Name").GetString()).Order());
        Assert.Equal(["acme note"], package.ReadRows("TenantNote").Select(r => r.GetProperty("Text").GetString()));
    }

    [StoreFact]
    public async Task Export_and_erasure_without_a_tenant_are_refused_before_anything_changes()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Subjects.ExportAsync(Person, new MemoryStream()));
        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Subjects.EraseAsync(Person));

        Assert.Equal(3, await host.CountAsync("Clients"));
        Assert.Equal(2, await host.CountAsync("Notes"));
    }

    [StoreFact]
    public async Task Erase_from_one_tenant_leaves_the_other_tenants_rows_of_the_same_subject()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        ErasureReport report;
        using (host.Tenants.Begin("acme"))
        {
            report = await host.Subjects.EraseAsync(Person);
        }

        Assert.Equal((2L, 1L), (report.Entities.Single(e => e.Entity == "TenantClient").Deleted, report.Entities.Single(e => e.Entity == "TenantNote").Deleted));
        Assert.Equal(0, await host.CountAsync("Clients", "\"TenantId\" = 'acme'"));
        Assert.Equal(0, await host.CountAsync("Notes", "\"Tenant\" = 'acme'"));
        Assert.Equal(["globex"], await host.ColumnAsync("Clients", "TenantId"));
        Assert.Equal(1, await host.CountAsync("Notes", "\"Tenant\" = 'globex'"));
    }

    [StoreFact]
    public async Task WhereEncrypted_finds_the_current_tenants_rows_only()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        List<string> names;
        using (host.Tenants.Begin("globex"))
        {
            // The application's filter is told acme: DataGuard's own predicate still limits the search to globex.
            names = await host.WithContextAsync(db =>
            {
                db.AppTenant = "acme";
                return db.Clients.IgnoreQueryFilters().WhereEncrypted(c => c.Email, "ana@example.com").Select(c => c.Name).ToListAsync();
            });
        }

        Assert.Equal(["Ana of globex"], names);
        await Assert.ThrowsAsync<TenantRequiredException>(() => host.WithContextAsync(db => db.Clients.WhereEncrypted(c => c.Email, "ana@example.com").ToListAsync()));
    }

    [StoreFact]
    public async Task Retention_in_one_tenant_purges_its_due_rows_only_and_without_a_tenant_is_refused()
    {
        await using var host = await HostAsync();
        await SeedAsync(host, createdAt: TenantShopHost.Now.AddDays(-60));

        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Retention.RunAsync());
        Assert.Equal(3, await host.CountAsync("Clients"));

        using (host.Tenants.Begin("acme"))
        {
            var report = await host.Retention.RunAsync();
            Assert.Equal(2, report.Entities.Single(e => e.Entity == "TenantClient").Purged);
        }

        Assert.Equal(["globex"], await host.ColumnAsync("Clients", "TenantId"));
    }

    [StoreFact]
    public async Task Reencryption_in_one_tenant_moves_its_rows_only_and_without_a_tenant_is_refused()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);
        var before = await host.ColumnAsync("Clients", "Name", "\"TenantId\" = 'globex'");
        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Reencryptor.RunAsync());
        ReencryptionReport report;
        using (host.Tenants.Begin("acme"))
        {
            // Each tenant has its own key ring: rotate acme's, then move acme's rows to its new key.
            await host.Keys.RotateAsync();
            report = await host.Reencryptor.RunAsync();
        }

        Assert.Equal(3, report.TotalRows); // two clients and a note
        Assert.Equal(before, await host.ColumnAsync("Clients", "Name", "\"TenantId\" = 'globex'"));
    }
}
