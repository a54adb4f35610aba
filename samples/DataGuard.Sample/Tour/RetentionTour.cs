using DataGuard.Model;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Sample.Tour;

/// <summary>Retention: a dry run today, a legal hold, then a real run eleven years later on a moved clock. The tour
/// wires a second service provider on the same database with its own clock, sharing the host's Data Protection keys.</summary>
internal static class RetentionTour
{
    public static async Task RunAsync(IServiceProvider host, string database)
    {
        Console.WriteLine("== Retention");
        var clock = new SampleClock(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(host.GetRequiredService<IDataProtectionProvider>());
        services.AddDataGuard(o => o.Retention.BatchSize = 500).UseEntityFrameworkStores<ShopDb>();
        services.AddDbContext<ShopDb>((sp, o) => o.UseSqlite($"Data Source={database}").UseDataGuard(sp));
        await using var app = services.BuildServiceProvider();
        var retention = app.GetRequiredService<IRetentionService>();

        Print("Today, dry run (nothing changes):", await retention.RunAsync(dryRun: true));

        Guid jonas;
        await using (var scope = app.CreateAsyncScope())
        {
            jonas = await scope.ServiceProvider.GetRequiredService<ShopDb>().Customers.Where(c => c.CreatedAt < clock.GetUtcNow().UtcDateTime.AddDays(-365))
                .Select(c => c.Id)
                .SingleAsync();
        }

        var hold = await app.GetRequiredService<ILegalHoldService>().PlaceOnSubjectAsync(jonas, "Dispute D-2026-17", "legal@shop.example");
        Console.WriteLine($"Legal hold {hold.Id} placed on the older customer: \"{hold.Reason}\" by {hold.PlacedBy}.");

        clock.Advance(TimeSpan.FromDays(11 * 365));
        Print($"Eleven years later ({clock.GetUtcNow():yyyy-MM-dd}), a real run:", await retention.RunAsync());

        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            foreach (var customer in await db.Customers.AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync())
            {
                Console.WriteLine($"  customer created {customer.CreatedAt:yyyy-MM-dd}: name and " +
                    $"e-mail {(customer.Name.Length == 0 && customer.Email.Length == 0 ? "anonymised" : "kept")}, " +
                    $"{await db.Orders.CountAsync(o => o.CustomerId == customer.Id)} orders left");
            }
        }

        Console.WriteLine();
    }

    private static void Print(string title, RetentionReport report)
    {
        Console.WriteLine(title);
        foreach (var entity in report.Entities)
        {
            var action = entity.Policy.Then == RetentionAction.Anonymize ? $"anonymised {entity.Anonymized}" : $"purged {entity.Purged}";
            var minimum = entity.Policy.IsMinimum ? $" (minimum: {entity.Policy.LegalRequirement})" : "";
            Console.WriteLine($"  {entity.Entity,-9} {entity.Policy.Days,5} days from {entity.Policy.From,-10} due {entity.Due}, {action}, " +
                $"held {entity.Held}{minimum}");
        }
    }
}
