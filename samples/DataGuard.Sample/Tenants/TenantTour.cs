using System.Security.Cryptography.X509Certificates;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.Sample.Tenants;

/// <summary>Two tenants in one shared database (a tenant column): each tenant's job sees its own subscribers only, and
/// from acme's scope no search, export or erasure reaches globex's subscribers, even the same person id. An application
/// of its own (its own services and SQLite file), as a multi-tenant platform would be.</summary>
public static class TenantTour
{
    private static readonly Guid Ana = Guid.Parse("3b0c9a52-7e11-4f6a-9d0e-6a2f4c1b8e01"); // subscribes with both tenants

    public static async Task RunAsync(string folder, X509Certificate2 signingCertificate)
    {
        Console.WriteLine("== Tenants: two customer organisations in one database");
        var database = Path.Combine(folder, "newsletters.db");
        File.Delete(database);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()); // this tour's keys end with it
        services.AddDataGuard(o => o.SubjectRights.SigningCertificate = signingCertificate).UseEntityFrameworkStores<NewsletterDb>();
        services.AddDbContext<NewsletterDb>((sp, o) => o.UseSqlite($"Data Source={database}").UseDataGuard(sp));
        await using var provider = services.BuildServiceProvider();
        var tenants = provider.GetRequiredService<ITenantContext>();
        await WithDbAsync(provider, db => db.Database.EnsureCreatedAsync());

        await AddAsync(provider, "acme", new Subscriber { PersonId = Ana, Email = "ana@example.com", Name = "Ana Silva" },
            new Subscriber { PersonId = Guid.NewGuid(), Email = "bruno@example.com", Name = "Bruno Costa" });
        await AddAsync(provider, "globex", new Subscriber { PersonId = Ana, Email = "ana@example.com", Name = "Ana Silva" },
            new Subscriber { PersonId = Guid.NewGuid(), Email = "chen@example.org", Name = "Chen Wei" });

        Guid chen;
        using (tenants.Begin("globex"))
        {
            chen = await WithDbAsync(provider, db => db.Subscribers.WhereEncrypted(s => s.Email, "chen@example.org").Select(s => s.PersonId).SingleAsync());
            Console.WriteLine($"globex's job sees: {string.Join(", ", await WithDbAsync(provider, Names))}");
        }

        // One flow per tenant, as a background job would run them.
        using (tenants.Begin("acme"))
        {
            Console.WriteLine($"acme's job sees:   {string.Join(", ", await WithDbAsync(provider, Names))}");
            var found = await WithDbAsync(provider, db => db.Subscribers.IgnoreQueryFilters()
                .WhereEncrypted(s => s.Email, "chen@example.org").CountAsync());
            Console.WriteLine($"acme searches globex's chen@example.org (query filters ignored): {found} rows");
            var rights = provider.GetRequiredService<ISubjectRightsService>();
            Console.WriteLine($"acme exports Chen's person id: {await ExportedRowsAsync(rights, chen)} rows; Ana's: {await ExportedRowsAsync(rights, Ana)} row " +
                "(acme's Ana only)");
            var erased = await rights.EraseAsync(Ana);
            Console.WriteLine($"acme erases Ana: {erased.Entities.Sum(e => e.Deleted + e.Anonymized)} row of acme's");
            try
            {
                await WithDbAsync(provider, db =>
                {
                    db.Subscribers.Add(new Subscriber { TenantId = "globex", PersonId = Guid.NewGuid(), Email = "eve@example.net", Name = "Eve" });
                    return db.SaveChangesAsync();
                });
            }
            catch (TenantMismatchException ex)
            {
                Console.WriteLine($"acme saves a row marked for globex: refused ({ex.GetType().Name}), nothing written");
            }
        }

        using (tenants.Begin("globex"))
        {
            Console.WriteLine($"globex's job still sees: {string.Join(", ", await WithDbAsync(provider, Names))}");
        }

        Console.WriteLine();
    }

    private static Task<List<string>> Names(NewsletterDb db) => db.Subscribers.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync();

    private static async Task<long> ExportedRowsAsync(ISubjectRightsService rights, Guid subject)
    {
        using var zip = new MemoryStream();
        await rights.ExportAsync(subject, zip);
        zip.Position = 0;
        var package = await SubjectExportPackage.ReadAsync(zip);
        return package.Manifest.Entities.Sum(e => e.Rows);
    }

    private static async Task AddAsync(IServiceProvider services, string tenant, params Subscriber[] subscribers)
    {
        using (services.GetRequiredService<ITenantContext>().Begin(tenant))
        {
            await WithDbAsync(services, db =>
            {
                db.Subscribers.AddRange(subscribers);
                return db.SaveChangesAsync();
            });
        }
    }

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<NewsletterDb, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NewsletterDb>());
    }
}
