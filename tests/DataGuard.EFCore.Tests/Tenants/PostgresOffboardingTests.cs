using System.Diagnostics;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>The offboarding stories on PostgreSQL, each in a database of its own (skipped without DATAGUARD_TEST_POSTGRES):
/// what the database holds is a <c>pg_dump</c> of its data.</summary>
public sealed class PostgresOffboardingTests : OffboardingScenarios, IAsyncLifetime, INeedsPostgres
{
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump";
    private readonly List<string> _databases = [];

    internal override Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null)
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase("offboarding");
        _databases.Add(connectionString);
        return OffboardingHost.StartAsync(o => o.UseNpgsql(connectionString), Certificate, configure);
    }

    internal override async Task<byte[]> DatabaseTextAsync(OffboardingHost host)
    {
        var database = new NpgsqlConnectionStringBuilder(_databases[^1]);
        var start = new ProcessStartInfo(PgDump)
        {
            ArgumentList = { "--data-only", "--no-owner", "-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", database.Username!, "-d", database.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = database.Password;
        using var process = Process.Start(start)!;
        using var dump = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(dump);
        var errors = await process.StandardError.ReadToEndAsync();
        await copy;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + errors);
        return dump.ToArray();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in _databases.Select(d => new NpgsqlConnectionStringBuilder(d).Database))
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
