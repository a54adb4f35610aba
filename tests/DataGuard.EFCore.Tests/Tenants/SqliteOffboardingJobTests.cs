using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>The scheduled offboarding job on a fake clock: it offboards the due tenant at start and leaves one whose
/// period runs and one under a legal hold, runs again after each interval (and after a failed run), plans only when told
/// to, stops on cancellation, and refuses a bad interval at start-up.</summary>
public sealed class SqliteOffboardingJobTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private readonly TempDirectory _folder = new();
    private readonly X509Certificate2 _certificate = NewCertificate();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public void Dispose()
    {
        _certificate.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_job_offboards_the_due_tenant_and_leaves_one_not_yet_due_and_one_under_a_legal_hold()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        using (host.Tenants.Begin("initech"))
        {
            await host.AddAsync(new TenantClient { PersonId = Guid.NewGuid(), Email = "ivy@initech.example", Name = "Ivy" });
            await host.Holds.PlaceOnSubjectAsync(new SubjectId(Guid.NewGuid().ToString()), "audit 2026-3", "legal@initech.example");
        }

        await host.EndContractAsync("acme", daysAgo: 400);
        await host.EndContractAsync("globex", daysAgo: 10);
        await host.EndContractAsync("initech", daysAgo: 400);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var job = Job(host);

        await job.StartAsync(timeout.Token);
        var run = await NextAsync("offboarding job", timeout.Token);
        await job.StopAsync(timeout.Token);

        Assert.Contains("(dry run: False): 1 tenants offboarded", run, StringComparison.Ordinal);
        Assert.Empty(await host.EmailsOfAsync("acme"));
        Assert.Equal(["gina@globex.example"], await host.EmailsOfAsync("globex"));
        Assert.Equal(["ivy@initech.example"], await host.EmailsOfAsync("initech"));
        Assert.True(job.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_job_keeps_running_after_a_failed_run_and_offboards_at_the_next_interval()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        await host.TextsAsync("ALTER TABLE \"DataGuardTenantContracts\" RENAME TO \"Elsewhere\"");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var job = Job(host);

        await job.StartAsync(timeout.Token);
        var failed = await NextAsync("offboarding job", timeout.Token);
        await host.TextsAsync("ALTER TABLE \"Elsewhere\" RENAME TO \"DataGuardTenantContracts\"");
        host.Clock.Advance(Interval);
        var run = await NextAsync("offboarding job", timeout.Token);
        await job.StopAsync(timeout.Token);

        Assert.Contains("job failed", failed, StringComparison.Ordinal);
        Assert.Contains("1 tenants offboarded", run, StringComparison.Ordinal);
        Assert.Empty(await host.EmailsOfAsync("acme"));
        Assert.True(job.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_dry_run_job_only_plans_and_logs()
    {
        await using var host = await HostAsync(o => o.DryRun = true);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var job = Job(host);

        await job.StartAsync(timeout.Token);
        var planned = await NextAsync("would shred", timeout.Token);
        var run = await NextAsync("offboarding job", timeout.Token);
        await job.StopAsync(timeout.Token);

        Assert.Contains("tenant 'acme' (dry run: True)", planned, StringComparison.Ordinal);
        Assert.Contains("(dry run: True): 0 tenants offboarded", run, StringComparison.Ordinal);
        Assert.Equal(2, (await host.EmailsOfAsync("acme")).Count);
    }

    [Fact]
    public async Task An_interval_that_is_not_positive_stops_the_host_at_start_up()
    {
        await using var host = await HostAsync(o => o.Interval = TimeSpan.Zero);

        var failed = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("TenantOffboardingJobOptions.Interval must be positive", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_job_without_offboarding_fails_with_the_call_that_is_missing()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDataGuard().AddTenantOffboardingJob();
        using var provider = services.BuildServiceProvider();

        var failed = Assert.Throws<InvalidOperationException>(() => provider.GetServices<IHostedService>().ToList());

        Assert.Contains("AddTenantOffboarding(", failed.Message, StringComparison.Ordinal);
    }

    private Task<OffboardingHost> HostAsync(Action<TenantOffboardingJobOptions>? configure = null)
    {
        var file = _folder.File($"job-{Guid.NewGuid():N}.db");
        return OffboardingHost.StartAsync(
            o => o.UseSqlite($"Data Source={file};Pooling=False"),
            _certificate,
            more: b => b.AddTenantOffboardingJob(o =>
            {
                o.Interval = Interval;
                configure?.Invoke(o);
            }),
            register: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddFakeLogging(o => o.OutputSink = l => _lines.Writer.TryWrite(l))));
    }

    private static BackgroundService Job(OffboardingHost host)
        => (BackgroundService)Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "TenantOffboardingBackgroundService");

    /// <summary>The next log line containing <paramref name="text"/>.</summary>
    private async Task<string> NextAsync(string text, CancellationToken cancellationToken)
    {
        string line;
        do
        {
            line = await _lines.Reader.ReadAsync(cancellationToken);
        }
        while (!line.Contains(text, StringComparison.Ordinal));
        return line;
    }

    private static X509Certificate2 NewCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=DataGuard offboarding", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
