using DataGuard.DependencyInjection;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Diagnostics;

/// <summary>
/// An application instance with DataGuard's EF Core stores and audit trail on a <see cref="ShopContext"/> in a SQLite
/// file, on a fake clock. Several instances share one database file and one Data Protection key ring (the operations
/// tests run two instances at once).
/// </summary>
internal sealed class OpsHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private OpsHost(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<OpsHost> SqliteAsync(
        TempDirectory folder,
        Action<DataGuardOptions>? configure = null,
        Action<IDataGuardBuilder>? dataGuard = null,
        Action<IServiceCollection>? register = null,
        FakeTimeProvider? clock = null,
        IDataProtectionProvider? dataProtection = null,
        bool create = true)
    {
        clock ??= new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        var builder = services.AddDataGuard(o =>
        {
            o.Purposes.Add("marketing", notice: "2026-11");
            configure?.Invoke(o);
        }).UseEntityFrameworkStores<ShopContext>().AddAuditing();
        dataGuard?.Invoke(builder);
        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        var file = folder.File("ops.db");
        services.AddDbContext<ShopContext>(
            (sp, o)
                => o.UseSqlite($"Data Source={file};Default Timeout=30").UseDataGuard(sp).ConfigureWarnings(w => w.Ignore(
                    CoreEventId.ManyServiceProvidersCreatedWarning)),
            ServiceLifetime.Transient,
            ServiceLifetime.Singleton);
        register?.Invoke(services);
        var host = new OpsHost(services.BuildServiceProvider(), clock);
        if (create)
        {
            await using var db = host.NewContext();
            await db.Database.EnsureCreatedAsync();
        }

        return host;
    }

    public ShopContext NewContext() => Services.GetRequiredService<ShopContext>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> ScopedAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task AddAsync(params object[] entities)
    {
        await using var db = NewContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
