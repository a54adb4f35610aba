using System.Security.Cryptography;
using DataGuard.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Sample.Tour;

/// <summary>Consent: grant with proof, check at call time, withdraw, and show the history that proves it all.</summary>
public static class ConsentTour
{
    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine("== Consent");
        Console.WriteLine();

        // The evidence key hashes the sign-up form's IP address: provable later, never stored in the clear.
        var evidenceKey = RandomNumberGenerator.GetBytes(32);
        Guid customerId;
        await using (var scope = services.CreateAsyncScope())
        {
            customerId = await scope.ServiceProvider.GetRequiredService<ShopDb>().Customers.OrderBy(c => c.CreatedAt).Select(c => c.Id).LastAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var consents = scope.ServiceProvider.GetRequiredService<IConsentService>();
            await consents.GrantAsync(customerId, "marketing", new ConsentDetails
            {
                Source = ConsentSources.WebForm,
                Actor = "self",
                Evidence = $$"""{"form":"newsletter-signup","checkbox":"Send me offers","ip":"{{ConsentEvidence.Hash("203.0.113.7", evidenceKey)}}"}""",
            });
            Console.WriteLine($"Granted 'marketing'. May we send the newsletter? {await consents.HasConsentAsync(customerId, "marketing")}");
            Console.WriteLine("Order fulfilment is on a contract basis and needs no " +
                $"consent: {await consents.HasConsentAsync(customerId, "order-fulfilment")}");
        }

        // A new scope is a new request, a new DbContext: the withdrawal is seen by the very next check.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentService>()
                .WithdrawAsync(customerId, "marketing", new ConsentDetails { Source = ConsentSources.Api, Actor = "self" });
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var consents = scope.ServiceProvider.GetRequiredService<IConsentService>();
            try
            {
                await consents.EnsureConsentAsync(customerId, "marketing");
            }
            catch (ConsentRequiredException ex)
            {
                Console.WriteLine($"After withdrawing: {ex.Message}");
            }

            Console.WriteLine();
            Console.WriteLine("| when (UTC) | purpose | what | notice | source | expires |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var record in await consents.GetHistoryAsync(customerId))
            {
                Console.WriteLine($"| {record.RecordedAt:yyyy-MM-dd HH:mm:ss} | {record.Purpose} | {record.Kind} | {record.NoticeVersion ?? "-"} " +
                    $"| {record.Source ?? "-"} | {record.ExpiresAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} |");
            }

            Console.WriteLine();
        }
    }
}
