using DataGuard.EFCore.Tests.Retention;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.SubjectKeys;

/// <summary>An application with subject keys on, wired as a user would, on a fake clock; its audit trail and SQL are
/// recorded. Several hosts can share one database and one Data Protection key ring (another instance, or a restart).</summary>
internal sealed class ClinicHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private ClinicHost(ServiceProvider services, FakeTimeProvider clock, RecordingAuditTrail audit, CommandLog commands)
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

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public ILegalHoldService Holds => Services.GetRequiredService<ILegalHoldService>();

    /// <summary>Queries that read subject keys (not the ring's keys, which an instance reads ordered by id, once).</summary>
    public int SubjectKeyReads => Commands.Commands.Count(static c => c.StartsWith("SELECT", StringComparison.Ordinal) && c.Contains("FROM \"DataGuardKeys\"", StringComparison.Ordinal) && !c.Contains("ORDER BY", StringComparison.Ordinal));

    public static async Task<ClinicHost> StartAsync(Action<DbContextOptionsBuilder> database, IDataProtectionProvider dataProtection, bool create = true, Action<DataGuardOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var audit = new RecordingAuditTrail();
        var commands = new CommandLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<DataGuard.Audit.IAuditTrail>(audit);
        services.AddDataGuard(o =>
        {
            o.Encryption.SubjectKeys = true;
            configure?.Invoke(o);
        }).UseEntityFrameworkStores<ClinicContext>();
        services.AddSingleton(dataProtection);
        services.AddDbContext<ClinicContext>((sp, o) =>
        {
            database(o);
            o.UseDataGuard(sp).AddInterceptors(commands);
        });
        var host = new ClinicHost(services.BuildServiceProvider(), clock, audit, commands);
        if (create)
        {
            await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        }

        return host;
    }

    public async Task<T> WithContextAsync<T>(Func<ClinicContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ClinicContext>());
    }

    public Task WithContextAsync(Func<ClinicContext, Task> work) => WithContextAsync(async db => { await work(db); return 0; });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
