using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>The tenant retention job on PostgreSQL, each test in a database of its own (skipped without
/// DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresTenantRetentionJobTests : TenantRetentionJobScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly List<string> _databases = [];

    internal override Action<DbContextOptionsBuilder> NewDatabase()
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase("tenantretention");
        _databases.Add(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        return o => o.UseNpgsql(connectionString);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
            PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
