using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

public sealed class SqliteResidencyTests : ResidencyScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override Action<DbContextOptionsBuilder> Database
    {
        get
        {
            var file = _folder.File("us.db");
            return o => o.UseSqlite($"Data Source={file}");
        }
    }

    public void Dispose() => _folder.Dispose();
}
