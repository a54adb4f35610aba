using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Masking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Sample.Tour;

/// <summary>Field encryption: a row as stored and as read, a search through the blind index, a key rotation and the
/// re-encryption that follows it.</summary>
internal static class EncryptionTour
{
    public static async Task RunAsync(IServiceProvider services, string database)
    {
        Console.WriteLine("== Encryption at rest");
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using (var raw = connection.CreateCommand())
        {
            raw.CommandText = "SELECT \"Email\", \"Name\", \"CardNumber\" FROM \"Customers\" ORDER BY \"CreatedAt\" DESC LIMIT 1";
            await using var reader = await raw.ExecuteReaderAsync();
            await reader.ReadAsync();
            Console.WriteLine("As stored (SQLite):");
            Console.WriteLine($"  Email      {Shorten(reader.GetString(0))}");
            Console.WriteLine($"  Name       {Shorten(reader.GetString(1))}");
            Console.WriteLine($"  CardNumber {Shorten(reader.GetString(2))}");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var ana = await db.Customers.WhereEncrypted(c => c.Email, "ANA@example.com").SingleAsync();
            // Decrypted in memory; printed masked, as anything that shows or logs personal data should (DataGuard's analyzers say so).
            var masker = scope.ServiceProvider.GetRequiredService<DataMasker>();
            Console.WriteLine("As read through the DbContext, found by e-mail through the blind index, decrypted and shown masked:");
            Console.WriteLine($"  {masker.ToMaskedString(ana)}");
        }

        var keys = services.GetRequiredService<IKeyManager>();
        var rotated = await keys.RotateAsync();
        var report = await services.GetRequiredService<IFieldReencryptor>().RunAsync();
        Console.WriteLine($"Rotated to key {rotated.Id} and re-encrypted {report.TotalRows} rows " +
            $"({string.Join(", ", report.RowsByEntity.Select(e => $"{e.Key}: {e.Value}"))}).");
        foreach (var key in await keys.ListAsync())
        {
            Console.WriteLine($"  key {key.Id}: {key.Kind}, {key.Status}");
        }

        Console.WriteLine();
    }

    private static string Shorten(string stored) => stored.Length <= 48 ? stored : stored[..48] + "…";
}
