using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>The handover archive stories on SQLite, each host on a database file of its own.</summary>
public sealed class SqliteHandoverTests : HandoverScenarios
{
    private readonly TempDirectory _folder = new();

    internal override Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null)
    {
        var file = _folder.File($"handover-{Guid.NewGuid():N}.db");
        return OffboardingHost.StartAsync(o => o.UseSqlite($"Data Source={file};Pooling=False"), Certificate, configure);
    }

    protected override void Dispose(bool disposing)
    {
        _folder.Dispose();
        base.Dispose(disposing);
    }
}
