using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>A test class whose tests each run on an audit host of their own, over a fresh PostgreSQL database named
/// with <paramref name="prefix"/>; without a configured server there is no host (the tests are [PostgresFact]s).</summary>
public abstract class PostgresAuditHostTests(string prefix) : IAsyncLifetime
{
    private AuditTestHost? _host;

    private protected AuditTestHost Host => _host!;

    public async Task InitializeAsync()
    {
        if (PostgresTestDatabase.AdminConnectionString is not null)
        {
            _host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase(prefix));
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
