using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

public sealed class PostgresStartupCheckTests
{
    [PostgresFact]
    public async Task Startup_check_skips_a_database_that_is_created_after_the_host_starts()
    {
        var connection = PostgresTestDatabase.ForNewDatabase("startup");
        await using var host = await LedgerHost.StartAsync(o => o.UseNpgsql(connection), new EphemeralDataProtectionProvider(), create: false);

        await FileKeyRing.StartHostedServicesAsync(host.Services); // the database does not exist yet: no failure

        await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        await host.AddAsync(new TestModel.Memo { Id = 1, Text = "memo 1" });
        await FileKeyRing.StartHostedServicesAsync(host.Services);
        Npgsql.NpgsqlConnection.ClearAllPools();
        await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
    }
}
