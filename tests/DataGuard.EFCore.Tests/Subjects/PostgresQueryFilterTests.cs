using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The query-filter stories on PostgreSQL, each in a database of its own (skipped without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresQueryFilterTests : QueryFilterScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly List<string> _databases = [];

    internal override Task<CareHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase("care");
        _databases.Add(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        return CareHost.StartAsync(o => o.UseNpgsql(connectionString), configure);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
