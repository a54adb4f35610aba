using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.Sample.Tour;

/// <summary>Masking: a safe ToString, a masked log line and a masked JSON document for the same customer.</summary>
internal static class MaskingTour
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== Masking");
        Console.WriteLine();

        var services = new ServiceCollection();
        services.AddLogging(l => l
            .SetMinimumLevel(LogLevel.Information)
            .EnableRedaction(o => o.ApplyDiscriminator = false) // DataGuard's masks keep the value's shape
            .AddSimpleConsole(o => o.SingleLine = true));
        services.AddDataGuard()
            .AddMasking(o =>
            {
                // A real application takes pseudonyms from DataGuard's key ring, or this key from its secret store;
                // the tour makes up a throw-away one.
                o.PseudonymKeyId = "tour";
                o.PseudonymKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            })
            .AddRedaction(o => o.Masks[PersonalCategory.Contact] = MaskStyle.Email);

        var customer = new Customer
        {
            Id = Guid.NewGuid(),
            Email = "ana@example.com",
            Name = "Ana Silva",
            CardNumber = "4111 1111 1111 1111",
            CreatedAt = DateTime.UtcNow,
        };
        await using (var provider = services.BuildServiceProvider())
        {
            var masker = provider.GetRequiredService<DataMasker>();
            Console.WriteLine($"ToString() of a record or class prints personal data in clear; the masked one: {masker.ToMaskedString(customer)}");
            Console.WriteLine($"A pseudonym correlates without revealing: {masker.Mask(customer.Email, MaskStyle.Pseudonym)}");

            Console.WriteLine($"As JSON: {JsonSerializer.Serialize(customer, MaskedJson(masker))}");
            Console.WriteLine("The log line of a card payment:");

            CustomerLog.CardCharged(provider.GetRequiredService<ILogger<Customer>>(), customer.Email, 42.50m, customer.CardNumber!);
        } // disposing the provider flushes the console logger

        Console.WriteLine();
    }

    /// <summary>JSON options that mask personal properties; an application builds them once and reuses them.</summary>
    private static JsonSerializerOptions MaskedJson(DataMasker masker) =>
        new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(masker.CreateJsonModifier()) };
}
