using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class PostgresEncryptionTests
{
    [PostgresFact]
    public async Task A_raw_select_on_postgresql_finds_no_plaintext_and_the_context_reads_it_back()
    {
        var connection = PostgresTestDatabase.ForNewDatabase("encryption");
        await using var host = await VaultHost.StartAsync(o => o.UseNpgsql(connection));
        var ana = new Customer { Id = Guid.NewGuid(), Email = "ana.silva@example.com", Name = "Ana Silva", CardNumber = "4111 1111 1111 1111", CreatedAt = DateTime.UtcNow };
        try
        {
            await host.WithContextAsync(async db =>
            {
                db.Customers.Add(ana);
                db.Profiles.Add(new Profile { CustomerId = ana.Id, BirthDate = new DateOnly(1990, 5, 17), Salary = 5123.45m, LastSeen = DateTime.UtcNow, Photo = [9, 8, 7] });
                await db.SaveChangesAsync();
            });

            await host.WithContextAsync(async db =>
            {
                var raw = await db.Database
                    .SqlQueryRaw<string>("SELECT concat_ws('|', \"Email\", \"Name\", \"CardNumber\", encode(\"EmailBlindIndex\", 'escape')) AS \"Value\" FROM \"Customers\"")
                    .SingleAsync();
                Assert.DoesNotContain("ana.silva", raw, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Ana Silva", raw, StringComparison.Ordinal);
                Assert.DoesNotContain("4111", raw, StringComparison.Ordinal);
                Assert.StartsWith("dg:", raw, StringComparison.Ordinal);

                var photo = await db.Database.SqlQueryRaw<byte[]>("SELECT \"Photo\" AS \"Value\" FROM \"Profiles\"").SingleAsync();
                Assert.Equal(1, photo[0]);
                Assert.NotEqual([9, 8, 7], photo);

                var read = await db.Customers.WhereEncrypted(c => c.Email, "ana.silva@example.com").SingleAsync();
                Assert.Equal((ana.Email, ana.Name, ana.CardNumber), (read.Email, read.Name, read.CardNumber));
                Assert.Equal([9, 8, 7], (await db.Profiles.SingleAsync()).Photo);
            });
        }
        finally
        {
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }
}
