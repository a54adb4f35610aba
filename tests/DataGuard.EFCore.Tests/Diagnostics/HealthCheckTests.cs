using DataGuard.Diagnostics.HealthChecks;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Diagnostics;

public sealed class HealthCheckTests
{
    private static Task<OpsHost> StartAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null, IDataProtectionProvider? dataProtection = null,
        bool create = true)
        => OpsHost.SqliteAsync(folder, configure, register: static s => s.AddHealthChecks().AddDataGuardChecks(), dataProtection: dataProtection,
            create: create);

    private static async Task<HealthReportEntry> CheckAsync(OpsHost host, string name)
    {
        var report = await host.Get<HealthCheckService>().CheckHealthAsync(r => r.Name == name);
        return report.Entries[name];
    }

    private static Customer NewCustomer(DateTimeOffset now)
        => new() { Id = Guid.NewGuid(), Email = "ana.silva@example.com", Name = "Ana Silva", CreatedAt = now.UtcDateTime };

    [Fact]
    public async Task Keys_check_is_unhealthy_when_a_key_cannot_be_unwrapped()
    {
        using var folder = new TempDirectory();
        await using (var writer = await StartAsync(folder))
        {
            await writer.AddAsync(NewCustomer(writer.Clock.GetUtcNow()));
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(writer, "dataguard-keys")).Status);
        }

        // Another instance whose Data Protection key ring lacks the key that wrapped the data key (not restored).
        await using var other = await StartAsync(folder, dataProtection: new EphemeralDataProtectionProvider(), create: false);
        var entry = await CheckAsync(other, "dataguard-keys");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("no longer unwrap", entry.Description, StringComparison.Ordinal);
        Assert.Equal(2, entry.Data["unreadable"]); // the data key and the blind-index key
    }

    [Fact]
    public async Task Audit_check_is_unhealthy_when_the_chain_is_tampered_once_the_last_verification_is_older_than_its_age()
    {
        using var folder = new TempDirectory();
        await using var host = await StartAsync(folder, o => o.Operations.AuditVerificationMaxAge = TimeSpan.FromMinutes(10));
        await host.AddAsync(NewCustomer(host.Clock.GetUtcNow()), NewCustomer(host.Clock.GetUtcNow()));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "dataguard-audit")).Status);

        await using (var db = host.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE \"DataGuardAuditEntries\" SET \"Action\" = 'entity.read' WHERE \"Sequence\" = 1"));
        }

        host.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "dataguard-audit")).Status); // the last verification is recent
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var entry = await CheckAsync(host, "dataguard-audit");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(1L, entry.Data["firstBrokenSequence"]);
    }

    [Fact]
    public async Task Requests_check_is_degraded_when_a_request_is_due_soon_and_unhealthy_once_it_is_overdue()
    {
        using var folder = new TempDirectory();
        await using var host = await StartAsync(folder, o => o.Operations.RequestDueWarning = TimeSpan.FromDays(3));
        await host.ScopedAsync<ISubjectRequestService, SubjectRequest>(r => r.ReceiveAsync(Guid.NewGuid(), SubjectRequestKind.Access, "officer"));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "dataguard-requests")).Status);

        host.Clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(host, "dataguard-requests")).Status);

        host.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromTicks(1));
        var entry = await CheckAsync(host, "dataguard-requests");
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal((1L, 1L), ((long)entry.Data["open"], (long)entry.Data["overdue"]));
    }

    [Fact]
    public async Task Retention_check_is_degraded_after_its_age_unhealthy_after_twice_and_degraded_after_a_failed_run()
    {
        var clock = new FakeTimeProvider(OpsHost.Start);
        var options = new DataGuardOptions();
        options.Retention.Interval = TimeSpan.FromHours(1);
        var state = new RetentionRunState(clock);
        var check = new RetentionHealthCheck(state, new StaticMonitor(options), clock);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("dataguard-retention", check, HealthStatus.Unhealthy, null) };

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(context)).Status);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(context)).Status);

        state.Succeeded();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        state.Failed();
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(context)).Status);
    }

    private sealed class StaticMonitor(DataGuardOptions value) : IOptionsMonitor<DataGuardOptions>
    {
        public DataGuardOptions CurrentValue => value;

        public DataGuardOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DataGuardOptions, string?> listener) => null;
    }
}
