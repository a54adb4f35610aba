using System.Collections.Concurrent;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>The database-per-tenant story on PostgreSQL, a database per tenant and test (skipped without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresTenantDatabasesTests : TenantDatabasesScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly ConcurrentDictionary<string, string> _databases = new();

    internal override Task<TenantDatabasesHost> HostAsync()
    {
        var run = Guid.NewGuid().ToString("N");
        return TenantDatabasesHost.StartAsync(
            (tenant, o) => o.UseNpgsql(_databases.GetOrAdd(tenant + run, static _ => PostgresTestDatabase.ForNewDatabase("tenant"))),
            "acme",
            "globex");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_databases.IsEmpty)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
            PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        foreach (var connectionString in _databases.Values)
        {
            await using var command = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
