using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Retention;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>An application with retention, wired as a user would, on a fake clock; its audit trail and SQL are recorded.</summary>
internal sealed class RetentionHost : IAsyncDisposable
{
    /// <summary>A whole-microsecond instant, so PostgreSQL stores it exactly.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private RetentionHost(ServiceProvider services, FakeTimeProvider clock, RecordingAuditTrail audit, CommandLog commands)
    {
        Services = services;
        Clock = clock;
        Audit = audit;
        Commands = commands;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingAuditTrail Audit { get; }

    public CommandLog Commands { get; }

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public ILegalHoldService Holds => Services.GetRequiredService<ILegalHoldService>();

    public static async Task<RetentionHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null, FakeTimeProvider? clock = null, IDataProtectionProvider? dataProtection = null, bool create = true, bool job = false)
    {
        clock ??= new FakeTimeProvider(Start);
        var audit = new RecordingAuditTrail();
        var commands = new CommandLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<DataGuard.Audit.IAuditTrail>(audit);
        var builder = services.AddDataGuard(configure).UseEntityFrameworkStores<RetentionContext>();
        if (job)
        {
            builder.AddRetentionJob();
        }

        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        services.AddDbContext<RetentionContext>((sp, o) =>
        {
            database(o);
            o.UseDataGuard(sp).AddInterceptors(commands);
        });
        var host = new RetentionHost(services.BuildServiceProvider(), clock, audit, commands);
        if (create)
        {
            await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        }

        return host;
    }

    public static Task<RetentionHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null, bool job = false)
        => StartAsync(o => o.UseSqlite($"Data Source={folder.File("retention.db")}"), configure, job: job);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task<T> WithContextAsync<T>(Func<RetentionContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RetentionContext>());
    }

    public Task WithContextAsync(Func<RetentionContext, Task> work) => WithContextAsync(async db => { await work(db); return 0; });

    public Task AddAsync(params object[] entities) => WithContextAsync(async db =>
    {
        db.AddRange(entities);
        await db.SaveChangesAsync();
    });

    public static Visit Visit(DateTime visitedAt, Guid? member = null) => new() { MemberId = member ?? Guid.NewGuid(), IpAddress = "203.0.113.7", Page = "/pricing", VisitedAt = visitedAt };

    public static Member Member(DateTime joinedAt) => new()
    {
        Id = Guid.NewGuid(), Email = "ana.silva@example.com", Phone = "+351 912 345 678", Nickname = "ana", BirthDate = new DateOnly(1990, 5, 17),
        Country = "PT", Points = 42, JoinedAt = joinedAt,
    };

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
