using DataGuard.EFCore.Tests.Consent;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The same stories on PostgreSQL, each in a database of its own (skipped without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresSubjectRightsTests : SubjectRightsScenarios, IAsyncLifetime, INeedsPostgres
{
    private readonly List<SubjectsHost> _hosts = [];

    internal override async Task<SubjectsHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var host = await SubjectsHost.StartAsync(o => o.UseNpgsql(PostgresTestDatabase.ForNewDatabase("subjects")), configure);
        _hosts.Add(host);
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }
}
