using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>A test class whose tests each run on an audit host of their own, over a fresh SQLite file.</summary>
public abstract class SqliteAuditHostTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private AuditTestHost? _host;

    private protected AuditTestHost Host => _host!;

    public async Task InitializeAsync() => _host = await AuditTestHost.SqliteAsync(_folder);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
