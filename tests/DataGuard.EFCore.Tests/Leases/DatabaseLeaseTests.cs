using DataGuard.EFCore.Tests.Retention;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Leases;
using DataGuard.Testing;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Leases;

/// <summary>Leases expire quickly after their holder dies and never while it lives: a heartbeat renews them.</summary>
public sealed class DatabaseLeaseTests
{
    private static TimeSpan LeaseDuration(RetentionHost host)
        => ((IOptionsMonitor<DataGuardOptions>)host.Services.GetService(typeof(IOptionsMonitor<DataGuardOptions>))!).CurrentValue.Retention.LeaseDuration;

    [Fact]
    public async Task After_a_crashed_run_another_instance_takes_the_policy_over_within_thirty_seconds()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));

        // A run of another instance took the lease as retention does, then the process died: nobody renews it.
        Assert.True(await host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "retention:Visit", "crashed-instance", LeaseDuration(host), host.Clock,
            CancellationToken.None)));

        host.Clock.Advance(TimeSpan.FromSeconds(29));
        var whileLive = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));

        Assert.True(whileLive.Skipped);
        Assert.False(afterExpiry.Skipped);
        Assert.Equal(1, afterExpiry.Purged);
    }

    [Fact]
    public async Task A_live_holder_keeps_its_lease_through_heartbeats_and_loses_it_only_when_they_stop()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var ttl = TimeSpan.FromSeconds(30);
        Assert.True(await host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "job", "alive", ttl, host.Clock, CancellationToken.None)));
        Task<bool> OtherTriesAsync() => host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "job", "other", ttl, host.Clock, CancellationToken.None));

        var heartbeat = LeaseHeartbeat.Start(ct => host.WithContextAsync(db => DatabaseLease.RenewAsync(db, "job", "alive", ttl, host.Clock, ct)), ttl,
            host.Clock);
        await using (heartbeat)
        {
            // Two minutes, four times the time to live, in heartbeat steps: the lease never expires.
            for (var i = 0; i < 12; i++)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(10));
                await heartbeat.Pending;
                Assert.False(await OtherTriesAsync());
            }

            Assert.False(heartbeat.IsLost);
        }

        // The holder stopped without releasing (as if it died): the lease is taken over after the time to live.
        host.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await OtherTriesAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await OtherTriesAsync());
    }

    [Fact]
    public async Task A_heartbeat_that_finds_its_lease_taken_reports_it_lost()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var ttl = TimeSpan.FromSeconds(30);
        Assert.True(await host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "job", "stalled", ttl, host.Clock, CancellationToken.None)));
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await host.WithContextAsync(db => DatabaseLease.TryAcquireAsync(db, "job", "other", ttl, host.Clock, CancellationToken.None)));

        await using var heartbeat = LeaseHeartbeat.Start(ct => host.WithContextAsync(db => DatabaseLease.RenewAsync(db, "job", "stalled", ttl, host.Clock, ct)),
            ttl, host.Clock);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await heartbeat.Pending;

        Assert.True(heartbeat.IsLost);
    }
}
