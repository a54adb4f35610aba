using DataGuard.Audit;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Sample.Tour;

/// <summary>The audit trail: a support agent changes a customer's e-mail, then the customer's audit trail is printed
/// and the hash chain verified.</summary>
public static class AuditTour
{
    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine("== Audit trail");
        Console.WriteLine();
        var auditContext = services.GetRequiredService<IAuditContext>();
        Guid customerId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var customer = await db.Customers.OrderByDescending(c => c.CreatedAt).FirstAsync();
            customerId = customer.Id;
            using (auditContext.Begin("support-agent-7", "order-fulfilment"))
            {
                customer.Email = "ana.silva@example.com";
                await db.SaveChangesAsync();
            }
        }

        var store = services.GetRequiredService<IAuditStore>();
        var page = await store.QueryAsync(new AuditQuery { SubjectId = customerId });
        Console.WriteLine($"Audit trail of customer {customerId} (property names only, never values):");
        foreach (var entry in page.Entries)
        {
            Console.WriteLine(
                $"  #{entry.Sequence} {entry.Timestamp:u} {entry.Actor ?? "(no actor)",-16} {entry.Action,-16} {entry.EntityType}#{entry.EntityKey} " +
                $"[{string.Join(", ", entry.Properties ?? [])}] {Convert.ToHexStringLower(entry.Hash.Span)[..12]}…");
        }

        var report = await services.GetRequiredService<IAuditVerifier>().VerifyAsync();
        Console.WriteLine(report);
        Console.WriteLine();
    }
}
