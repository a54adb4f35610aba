using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>An application the way a user wires it: AddDataGuard().UseEntityFrameworkStores, AddDbContext with
/// UseDataGuard(sp), keys in the application's own database.</summary>
internal sealed class VaultHost : IAsyncDisposable
{
    private VaultHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public static async Task<VaultHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null,
        IDataProtectionProvider? dataProtection = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(configure).UseEntityFrameworkStores<VaultContext>();
        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        services.AddDbContext<VaultContext>((sp, o) =>
        {
            database(o);
            o.UseDataGuard(sp);
        });
        var host = new VaultHost(services.BuildServiceProvider());
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VaultContext>().Database.EnsureCreatedAsync();
        return host;
    }

    public static Task<VaultHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null, IDataProtectionProvider? dataProtection = null)
        => StartAsync(o => o.UseSqlite($"Data Source={folder.File("vault.db")}"), configure, dataProtection);

    public async Task<T> WithContextAsync<T>(Func<VaultContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VaultContext>());
    }

    public Task WithContextAsync(Func<VaultContext, Task> work) => WithContextAsync(async db => { await work(db); return 0; });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
