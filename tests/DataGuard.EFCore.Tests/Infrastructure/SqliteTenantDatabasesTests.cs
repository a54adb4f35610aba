using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Infrastructure;

public sealed class SqliteTenantDatabasesTests : TenantDatabasesScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    internal override Task<TenantDatabasesHost> HostAsync()
    {
        var run = Guid.NewGuid().ToString("N");
        return TenantDatabasesHost.StartAsync((tenant, o) => o.UseSqlite($"Data Source={_folder.File($"{tenant}-{run}.db")}"), "acme", "globex");
    }

    public void Dispose() => _folder.Dispose();
}
