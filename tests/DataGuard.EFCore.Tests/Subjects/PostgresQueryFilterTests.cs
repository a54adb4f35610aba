using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The query-filter stories on PostgreSQL, each in a database of its own (skipped without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresQueryFilterTests : QueryFilterScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly PostgresDatabases _databases = new();

    internal override Task<CareHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var connectionString = _databases.New("care");
        return CareHost.StartAsync(o => o.UseNpgsql(connectionString), configure);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DropAllAsync();
}
