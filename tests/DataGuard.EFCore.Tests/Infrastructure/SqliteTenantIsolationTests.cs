using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Infrastructure;

public sealed class SqliteTenantIsolationTests : TenantIsolationScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    internal override Task<TenantShopHost> HostAsync()
    {
        var file = _folder.File($"tenants-{Guid.NewGuid():N}.db");
        return TenantShopHost.StartAsync(o => o.UseSqlite($"Data Source={file}"));
    }

    public void Dispose() => _folder.Dispose();
}
