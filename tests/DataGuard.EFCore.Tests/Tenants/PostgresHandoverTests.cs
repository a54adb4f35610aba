using DataGuard.EFCore.Tests.Consent;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>The handover archive stories on PostgreSQL, each host in a database of its own (skipped without
/// DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresHandoverTests : HandoverScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly List<string> _databases = [];

    internal override Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null)
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase("handover");
        _databases.Add(connectionString);
        return OffboardingHost.StartAsync(o => o.UseNpgsql(connectionString), Certificate, configure);
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
