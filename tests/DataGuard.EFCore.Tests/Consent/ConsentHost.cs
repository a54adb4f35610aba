using DataGuard.Audit;
using DataGuard.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>One application instance: its own service provider (and so its own DbContexts and connection pool) over
/// a shared database, a fake clock, and the purposes every consent test uses.</summary>
public sealed class ConsentHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    /// <param name="configureDb">Configures the provider (UseSqlite / UseNpgsql), or null for the in-memory store.</param>
    public ConsentHost(Action<DbContextOptionsBuilder>? configureDb, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IAuditTrail>(Audit);
        var builder = services.AddDataGuard(o =>
        {
            o.Purposes.Add("marketing", notice: "2026-11").DefaultExpiry = TimeSpan.FromDays(30);
            o.Purposes.Add("newsletter", notice: "v2").AcceptsOlderNotices = true;
            o.Purposes.Add("profiling", lawfulBasis: LawfulBasis.LegitimateInterests);
            o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract);
            o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation);
        });
        if (configureDb is not null)
        {
            builder.UseEntityFrameworkStores<ConsentDb>();
            services.AddDbContext<ConsentDb>((sp, o) => configureDb(o.UseDataGuard(sp)));
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public RecordingAuditTrail Audit { get; } = new();

    public IServiceProvider Services => _provider;

    /// <summary>Runs <paramref name="action"/> in a scope of its own: a fresh DbContext, as a new request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IConsentService, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IConsentService>());
    }

    public async Task InScopeAsync(Func<IConsentService, Task> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<IConsentService>());
    }

    public async Task EnsureCreatedAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConsentDb>().Database.EnsureCreatedAsync();
    }

    public async Task EnsureDeletedAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConsentDb>().Database.EnsureDeletedAsync();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
