using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>An application over the fixture databases in <paramref name="folder"/>: its keys in the database, its
/// Data Protection key ring in <c>folder/keys</c> under a fixed application name.</summary>
internal sealed class ReleaseFixtureHost<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private ReleaseFixtureHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public static ReleaseFixtureHost<TContext> Start(string folder, string database, bool subjectKeys)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.SubjectKeys = subjectKeys).UseEntityFrameworkStores<TContext>();
        services.AddDataProtection()
            .SetApplicationName(ReleaseFixtureData.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        services.AddDbContext<TContext>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(folder, database)};Pooling=False").UseDataGuard(sp));
        return new ReleaseFixtureHost<TContext>(services.BuildServiceProvider());
    }

    public async Task<T> WithContextAsync<T>(Func<TContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
