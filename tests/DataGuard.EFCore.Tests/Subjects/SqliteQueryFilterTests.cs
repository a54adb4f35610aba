using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteQueryFilterTests : QueryFilterScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    internal override Task<CareHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var file = _folder.File($"care-{Guid.NewGuid():N}.db");
        return CareHost.StartAsync(o => o.UseSqlite($"Data Source={file}"), configure);
    }

    public void Dispose() => _folder.Dispose();
}
