using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>The offboarding stories on SQLite: what the database holds is the database file and its journal or
/// write-ahead log, read as raw bytes.</summary>
public sealed class SqliteOffboardingTests : OffboardingScenarios
{
    private readonly TempDirectory _folder = new();
    private readonly string _file;

    public SqliteOffboardingTests() => _file = _folder.File($"offboarding-{Guid.NewGuid():N}.db");

    internal override Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null)
        => OffboardingHost.StartAsync(o => o.UseSqlite($"Data Source={_file};Pooling=False"), Certificate, configure);

    internal override Task<byte[]> DatabaseTextAsync(OffboardingHost host)
    {
        var bytes = new List<byte>();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "*"))
        {
            bytes.AddRange(File.ReadAllBytes(file));
        }

        return Task.FromResult(bytes.ToArray());
    }

    protected override void Dispose(bool disposing)
    {
        _folder.Dispose();
        base.Dispose(disposing);
    }
}
