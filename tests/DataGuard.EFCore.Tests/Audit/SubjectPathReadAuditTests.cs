using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>Reads of entities reached only through a subject path (<c>PurchaseLine</c> through
/// <c>l.Purchase.ShopperId</c>) are audited with their subjects: one list of two shoppers' lines is in each shopper's
/// audit, tracked or not, with the principals loaded or not.</summary>
public sealed class SubjectPathReadAuditTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<ServiceProvider> StartAsync(Action<DbContextOptionsBuilder> database)
        => SubjectPathAuditHost.StartAsync(database, static o => o.AuditAllReads = true);

    /// <summary>Two shoppers with a purchase line each, reached through purchase to shopper, and a bystander.</summary>
    private static async Task<(Shopper[] Shoppers, Shopper Bystander)> SeedAsync(ServiceProvider services)
    {
        var shoppers = new[] { new Shopper { Id = Guid.NewGuid(), Email = "a@example.com", Nickname = "a" },
            new Shopper { Id = Guid.NewGuid(), Email = "b@example.com", Nickname = "b" } };
        var bystander = new Shopper { Id = Guid.NewGuid(), Email = "c@example.com", Nickname = "c" };
        var category = new Category { Name = "Rings" };
        await using (var db = services.GetRequiredService<SubjectsContext>())
        {
            db.AddRange(shoppers);
            db.AddRange(bystander, category);
            foreach (var shopper in shoppers)
            {
                var purchase = new Purchase { ShopperId = shopper.Id, ShippingAddress = "Street 1", PlacedAt = AuditTestHost.Start.UtcDateTime };
                db.AddRange(purchase, new PurchaseLine { Purchase = purchase, Category = category, Engraving = "E" });
            }

            await db.SaveChangesAsync();
        }

        return (shoppers, bystander);
    }

    private static Task RunAsync(ServiceProvider services, bool deleteDatabase)
        => SubjectPathAuditHost.RunAsync(services, deleteDatabase, () => ReadsAreAuditedAsync(services));

    private static async Task ReadsAreAuditedAsync(ServiceProvider services)
    {
        var (shoppers, bystander) = await SeedAsync(services);

        using (services.GetRequiredService<IAuditContext>().Begin("support-agent", "care"))
        {
            await using (var db = services.GetRequiredService<SubjectsContext>())
            {
                Assert.Equal(2, (await db.PurchaseLines.AsNoTracking().ToListAsync()).Count); // principals not loaded
            }

            await using (var db = services.GetRequiredService<SubjectsContext>())
            {
                Assert.Equal(2, db.PurchaseLines.ToList().Count); // the synchronous path, tracked
            }

            await using (var db = services.GetRequiredService<SubjectsContext>())
            {
                Assert.Equal(2, (await db.PurchaseLines.Include(l => l.Purchase).ToListAsync()).Count);
            }
        }

        await services.GetRequiredService<AuditReadWriter>().StopAsync(CancellationToken.None);

        var store = services.GetRequiredService<IAuditStore>();
        foreach (var shopper in shoppers)
        {
            var reads = (await store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(shopper.Id), Action = AuditActions.DataRead })).Entries
                .Where(static e => e.EntityType!.Split(',').Contains(nameof(PurchaseLine)))
                .ToList();
            Assert.Equal(3, reads.Count);
            Assert.All(reads, r => Assert.Equal(("support-agent", "care", shopper.Id.ToString("D")), (r.Actor, r.Purpose, r.SubjectId)));
        }

        Assert.Empty((await store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(bystander.Id), Action = AuditActions.DataRead })).Entries);
        Assert.True((await services.GetRequiredService<IAuditVerifier>().VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_read_of_several_subjects_rows_through_a_subject_path_is_in_each_subjects_audit()
        => await RunAsync(await StartAsync(o => o.UseSqlite($"Data Source={_folder.File("read.db")};Pooling=False")), deleteDatabase: false);

    [PostgresFact]
    public async Task A_read_of_several_subjects_rows_through_a_subject_path_is_in_each_subjects_audit_on_PostgreSQL()
        => await RunAsync(await StartAsync(o => o.UseNpgsql(PostgresTestDatabase.ForNewDatabase("readpath"))), deleteDatabase: true);
}
