using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

/// <summary>The residency stories on PostgreSQL, each in a database of its own (skipped without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresResidencyTests : ResidencyScenarios, IAsyncLifetime, INeedsPostgres
{
    private string? _connectionString;

    protected override Action<DbContextOptionsBuilder> Database
    {
        get
        {
            _connectionString ??= PostgresTestDatabase.ForNewDatabase("residency");
            var connectionString = _connectionString;
            return o => o.UseNpgsql(connectionString);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
