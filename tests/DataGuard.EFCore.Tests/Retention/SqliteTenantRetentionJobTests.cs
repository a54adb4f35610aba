using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Retention;

public sealed class SqliteTenantRetentionJobTests : TenantRetentionJobScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    internal override Action<DbContextOptionsBuilder> NewDatabase()
    {
        var file = _folder.File($"tenant-retention-{Guid.NewGuid():N}.db");
        return o => o.UseSqlite($"Data Source={file}");
    }

    public void Dispose() => _folder.Dispose();
}
