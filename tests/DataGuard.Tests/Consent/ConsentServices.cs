using DataGuard.Audit;
using DataGuard.Consent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Consent;

/// <summary>DataGuard with the in-memory consent store, a fake clock and a recording audit trail.</summary>
internal sealed class ConsentServices : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    public ConsentServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IAuditTrail>(Audit);
        services.AddSingleton<IConsentStore, InMemoryConsentStore>();
        services.AddDataGuard(o =>
        {
            o.Purposes.Add("marketing", notice: "2026-11").DefaultExpiry = TimeSpan.FromDays(30);
            o.Purposes.Add("newsletter", notice: "v2").AcceptsOlderNotices = true;
            o.Purposes.Add("profiling", lawfulBasis: LawfulBasis.LegitimateInterests);
            o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract);
            o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation);
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _provider.CreateAsyncScope();
        Consents = _scope.ServiceProvider.GetRequiredService<IConsentService>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingAuditTrail Audit { get; } = new();

    public IConsentService Consents { get; }

    public IServiceProvider Services => _provider;

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}
