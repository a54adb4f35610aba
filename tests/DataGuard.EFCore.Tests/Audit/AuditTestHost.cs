using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Audit;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>An application with DataGuard auditing on a <see cref="ShopContext"/> over SQLite or PostgreSQL, with a fake
/// clock and a log collector.</summary>
internal sealed class AuditTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private AuditTestHost(ServiceProvider services, bool postgres)
    {
        Services = services;
        IsPostgres = postgres;
    }

    public ServiceProvider Services { get; }

    public bool IsPostgres { get; }

    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public IAuditContext AuditContext => Services.GetRequiredService<IAuditContext>();

    public IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    public IAuditVerifier Verifier => Services.GetRequiredService<IAuditVerifier>();

    public IAuditTrail Trail => Services.GetRequiredService<IAuditTrail>();

    public static Task<AuditTestHost> SqliteAsync(TempDirectory folder, Action<AuditOptions>? configure = null, string connectionOptions = "",
        Action<DataGuardOptions>? dataGuard = null)
        => CreateAsync(o => o.UseSqlite($"Data Source={folder.File("audit.db")};Pooling=False{connectionOptions}"), postgres: false, configure, dataGuard);

    public static Task<AuditTestHost> PostgresAsync(string connectionString, Action<AuditOptions>? configure = null)
        => CreateAsync(o => o.UseNpgsql(connectionString), postgres: true, configure);

    private static async Task<AuditTestHost> CreateAsync(Action<DbContextOptionsBuilder> provider, bool postgres, Action<AuditOptions>? configure,
        Action<DataGuardOptions>? dataGuardOptions = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        var dataGuard = services.AddDataGuard(dataGuardOptions);
        var wanted = new AuditOptions();
        configure?.Invoke(wanted);
        if (wanted.RecordMaskedValues)
        {
            dataGuard.AddMasking();
        }

        dataGuard.UseEntityFrameworkStores<ShopContext>().AddAuditing(configure);
        services.AddDbContext<ShopContext>(
            (sp, o) =>
            {
                provider(o.UseDataGuard(sp));

                // Every test host has its own singletons, so EF Core builds an internal provider per host.
                o.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
            },
            ServiceLifetime.Transient,
            ServiceLifetime.Singleton);
        var host = new AuditTestHost(services.BuildServiceProvider(), postgres);
        await using var db = host.NewContext();
        await db.Database.EnsureCreatedAsync();
        return host;
    }

    /// <summary>A new context on a connection of its own.</summary>
    public ShopContext NewContext() => Services.GetRequiredService<ShopContext>();

    public async Task<List<AuditEntryRecord>> RowsAsync()
    {
        await using var db = NewContext();
        return await db.Set<AuditEntryRecord>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<AuditHeadRecord> HeadAsync()
    {
        await using var db = NewContext();
        return await db.Set<AuditHeadRecord>().AsNoTracking().SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            await using var db = NewContext();
            await db.Database.EnsureDeletedAsync();
        }

        await Services.DisposeAsync();
    }
}
