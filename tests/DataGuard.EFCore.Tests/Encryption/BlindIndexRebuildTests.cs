using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.EFCore.Leases;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>Indexes written under an older normalisation rule or other options: search does not silently miss them, and
/// the rebuild job moves them to the current rule, resumably, one instance at a time.</summary>
public sealed class BlindIndexRebuildTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly IDataProtectionProvider _dataProtection = new EphemeralDataProtectionProvider();

    public void Dispose() => _folder.Dispose();

    private Task<VaultHost> HostAsync(Action<DataGuardOptions>? configure = null) => VaultHost.SqliteAsync(_folder, configure, _dataProtection);

    private static Customer Customer(string email) => new() { Id = Guid.NewGuid(), Email = email, Name = "N", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

    private static Task<List<byte[]>> IndexesAsync(VaultHost host)
        => host.WithContextAsync(db => db.Database.SqlQueryRaw<byte[]>("SELECT \"EmailBlindIndex\" AS \"Value\" FROM \"Customers\"").ToListAsync());

    /// <summary>Puts the index rule 1 computed (before the rule version was stored) into a row, as an upgraded database has it.</summary>
    private static Task<int> WriteRuleOneIndexAsync(VaultHost host, Customer customer)
    {
        var legacy = host.Services.GetRequiredService<FieldEncryptor>().BlindIndex("Customer", "Email").ComputeLegacy(customer.Email);
        return host.WithContextAsync(db => db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<byte[]>(c, "EmailBlindIndex"), legacy)));
    }

    [Fact]
    public Task Rows_indexed_under_rule_one_are_still_found_and_the_rebuild_moves_them_to_the_current_rule()
        => RuleOneRowsAreFoundAndRebuiltAsync(HostAsync());

    [PostgresFact]
    public Task Rows_indexed_under_rule_one_are_still_found_and_the_rebuild_moves_them_to_the_current_rule_on_postgres()
    {
        var connection = PostgresTestDatabase.ForNewDatabase("blindindex");
        return RuleOneRowsAreFoundAndRebuiltAsync(VaultHost.StartAsync(o => o.UseNpgsql(connection), dataProtection: _dataProtection));
    }

    private static async Task RuleOneRowsAreFoundAndRebuiltAsync(Task<VaultHost> starting)
    {
        await using var host = await starting;
        var straße = Customer("Straße@example.com");
        var ana = Customer("ana@example.com");
        await host.WithContextAsync(async db => { db.AddRange(straße, ana); await db.SaveChangesAsync(); });
        await WriteRuleOneIndexAsync(host, straße);
        await WriteRuleOneIndexAsync(host, ana);

        // Rule 1 matched only trimmed lower-case spellings; search still finds those rows by them before the rebuild.
        Assert.Equal(ana.Id, (await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, " ANA@example.com").SingleAsync())).Id);
        Assert.Equal(straße.Id, (await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "straße@example.com").SingleAsync())).Id);
        Assert.Empty(await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "STRASSE@example.com").ToListAsync()));

        var report = await host.Services.GetRequiredService<IBlindIndexRebuilder>().RunAsync();

        Assert.Equal(2, report.RowsByEntity["Customer"]);
        Assert.All(await IndexesAsync(host), static i => Assert.Equal((BlindIndexColumn.Size, (byte)0x23), (i.Length, i[0])));
        Assert.Equal(straße.Id, (await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "STRASSE@example.com").SingleAsync())).Id);
        Assert.Equal(0, (await host.Services.GetRequiredService<IBlindIndexRebuilder>().RunAsync()).TotalRows); // nothing left: a rerun resumes at the end
    }

    [Fact]
    public async Task Changed_options_are_rebuilt_in_batches_and_only_stale_rows_are_touched()
    {
        await using (var before = await HostAsync())
        {
            await before.WithContextAsync(async db =>
            {
                db.AddRange(Enumerable.Range(0, 25).Select(i => Customer($"User{i}@Example.com")));
                await db.SaveChangesAsync();
            });
        }

        await using var host = await HostAsync(o => { o.Encryption.BlindIndexCaseFold = false; o.Encryption.ReencryptionBatchSize = 10; });
        Assert.Empty(await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "User3@Example.com").ToListAsync()));

        var report = await host.Services.GetRequiredService<IBlindIndexRebuilder>().RunAsync();

        Assert.Equal(25, report.TotalRows);
        Assert.All(await IndexesAsync(host), static i => Assert.Equal(0x21, i[0]));
        Assert.Single(await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "User3@Example.com").ToListAsync()));
        Assert.Empty(await host.WithContextAsync(db => db.Customers.WhereEncrypted(c => c.Email, "user3@example.com").ToListAsync()));
    }

    [Fact]
    public async Task An_entity_whose_rebuild_lease_another_instance_holds_is_skipped()
    {
        await using var host = await HostAsync();
        var ana = Customer("ana@example.com");
        await host.WithContextAsync(async db => { db.Add(ana); await db.SaveChangesAsync(); });
        await WriteRuleOneIndexAsync(host, ana);
        await host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "blindindex:Customer", "other-instance", TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None));

        var report = await host.Services.GetRequiredService<IBlindIndexRebuilder>().RunAsync();

        Assert.Equal(["Customer"], report.SkippedEntities);
        Assert.Equal(BlindIndexColumn.LegacySize, Assert.Single(await IndexesAsync(host)).Length);
    }
}
