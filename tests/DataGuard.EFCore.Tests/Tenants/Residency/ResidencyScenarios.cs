using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using DataGuard.Tenants.Residency;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

/// <summary>
/// Data residency on one database per region (<see cref="TenantShopContext"/>, tenant column layout): acme is in eu,
/// globex in us, initech declares no region. A tenant's rows, consents and audit entries are written only through a
/// context of its region; anything else is refused before a row is written (checked with plain SQL). Run on every database.
/// </summary>
public abstract class ResidencyScenarios
{
    private static readonly Guid Person = Guid.Parse("0c6d7f3e-8a41-4f0b-9d2e-5b1a3c4d6e70");

    private readonly IDataProtectionProvider _dataProtection = new EphemeralDataProtectionProvider();

    /// <summary>A new, empty database; <see cref="HostAsync"/> calls on the same scenario share it.</summary>
    protected abstract Action<DbContextOptionsBuilder> Database { get; }

    private Task<ResidencyHost> HostAsync(string? contextRegion, Action<DataGuardOptions>? configure = null)
        => ResidencyHost.StartAsync(Database, contextRegion, _dataProtection, configure);

    private static TenantClient Client(string name) => new() { PersonId = Person, Email = "ana@example.com", Name = name, CreatedAt = DateTime.UtcNow };

    [StoreFact]
    public async Task Save_writes_a_tenants_rows_through_a_context_of_its_region()
    {
        await using var us = await HostAsync("us");

        await us.AddAsync("globex", Client("Ana of globex"), new TenantNote { PersonId = Person, Text = "globex note" });

        Assert.Equal(1, await us.CountAsync("Clients", "\"TenantId\" = 'globex'"));
        Assert.Equal(1, await us.CountAsync("Notes", "\"Tenant\" = 'globex'"));
    }

    [StoreFact]
    public async Task Save_refuses_an_eu_tenants_rows_through_a_us_context_and_writes_nothing()
    {
        await using var us = await HostAsync("us");
        await us.AddAsync("globex", Client("Ana of globex"));

        var refused = await Assert.ThrowsAsync<DataResidencyException>(
            () => us.AddAsync("acme", Client("Ana of acme"), new TenantNote { PersonId = Person, Text = "acme note" }));

        Assert.Equal(("acme", "eu", "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Contains("'acme'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'eu'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'us'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana of acme", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await us.CountAsync("Clients"));
        Assert.Equal(0, await us.CountAsync("Notes"));
        Assert.Equal(0, await us.CountAsync("DataGuardKeys", "\"TenantId\" = 'acme'"));
    }

    [StoreFact]
    public async Task Save_refuses_the_rows_of_a_tenant_that_declares_no_region()
    {
        await using var us = await HostAsync("us");

        var refused = await Assert.ThrowsAsync<DataResidencyException>(() => us.AddAsync("initech", Client("Ana of initech")));

        Assert.Equal(("initech", null, "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Equal(0, await us.CountAsync("Clients"));
    }

    [StoreFact]
    public async Task Save_refuses_a_tenants_rows_through_a_context_that_declares_no_region()
    {
        await using var unplaced = await HostAsync(contextRegion: null);

        var refused = await Assert.ThrowsAsync<DataResidencyException>(() => unplaced.AddAsync("globex", Client("Ana of globex")));

        Assert.Equal(("globex", "us", null), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Equal(0, await unplaced.CountAsync("Clients"));
    }

    [StoreFact]
    public async Task A_row_stamped_with_an_eu_tenant_is_not_written_from_a_us_tenants_scope()
    {
        await using var us = await HostAsync("us");

        var refused = await Assert.ThrowsAnyAsync<DataGuardException>(
            () => us.AddAsync("globex", new TenantClient { TenantId = "acme", PersonId = Person, Email = "ana@example.com", Name = "smuggled" }));

        Assert.IsType<TenantMismatchException>(refused);
        Assert.Equal(0, await us.CountAsync("Clients"));
    }

    [StoreFact]
    public async Task A_consent_of_an_eu_tenant_is_not_written_through_a_us_context()
    {
        await using var us = await HostAsync("us");
        await us.GrantAsync("globex", Person);

        var refused = await Assert.ThrowsAsync<DataResidencyException>(() => us.GrantAsync("acme", Person));

        Assert.Equal(("acme", "eu", "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Equal(0, await us.CountAsync("DataGuardConsentRecords", "\"TenantId\" = 'acme'"));
        Assert.Equal(1, await us.CountAsync("DataGuardConsentRecords", "\"TenantId\" = 'globex'"));
    }

    [StoreFact]
    public async Task An_audit_entry_of_an_eu_tenant_is_not_appended_through_a_us_context()
    {
        await using var us = await HostAsync("us");
        await us.RecordAuditAsync("globex");

        var refused = await Assert.ThrowsAsync<DataResidencyException>(() => us.RecordAuditAsync("acme"));

        Assert.Equal(("acme", "eu", "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Equal(0, await us.CountAsync("DataGuardAuditEntries", "\"TenantId\" = 'acme'"));
        Assert.Equal(1, await us.CountAsync("DataGuardAuditEntries", "\"TenantId\" = 'globex'"));
    }

    [StoreFact]
    public async Task Rows_placed_before_a_region_change_are_still_read_but_neither_changed_nor_deleted()
    {
        // acme's rows went to the us database while acme was declared in us; then acme moved to eu.
        await using (var before = await HostAsync("us", o => o.Residency.Tenants["acme"] = "us"))
        {
            await before.AddAsync("acme", Client("Ana of acme"), Client("Ana of acme, second"));
        }

        await using var us = await HostAsync("us");
        using (us.Tenants.Begin("acme"))
        {
            var rows = await us.WithContextAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.TenantId == "acme").OrderBy(c => c.Id).ToListAsync());
            Assert.Equal(["Ana of acme", "Ana of acme, second"], rows.Select(r => r.Name));

            await Assert.ThrowsAsync<DataResidencyException>(() => us.WithContextAsync(async db =>
            {
                var row = await db.Clients.IgnoreQueryFilters().FirstAsync(c => c.TenantId == "acme");
                row.Name = "renamed";
                return await db.SaveChangesAsync();
            }));
            await Assert.ThrowsAsync<DataResidencyException>(() => us.WithContextAsync(async db =>
            {
                db.Clients.RemoveRange(await db.Clients.IgnoreQueryFilters().Where(c => c.TenantId == "acme").ToListAsync());
                return await db.SaveChangesAsync();
            }));
        }

        Assert.Equal(2, await us.CountAsync("Clients", "\"TenantId\" = 'acme'"));
    }
}
