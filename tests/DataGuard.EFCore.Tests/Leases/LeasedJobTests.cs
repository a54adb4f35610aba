using DataGuard.EFCore.Tests.Retention;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Leases;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Leases;

/// <summary>The one lease loop every job runs on: a held lease keeps a second instance out, and a job whose lease
/// another instance took over stops after the batch in which its heartbeat found out, leaving the new holder's lease.</summary>
public sealed class LeasedJobTests
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_second_instance_cannot_start_a_job_whose_lease_is_held()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var first = Leases(host);
        var second = Leases(host);

        await using var running = await first.TryStartAsync(new LeaseRequest("job", TimeToLive), null, CancellationToken.None);
        var refused = await second.TryStartAsync(new LeaseRequest("job", TimeToLive), null, CancellationToken.None);

        Assert.NotNull(running);
        Assert.Null(refused);
    }

    [Fact]
    public async Task A_job_stops_after_the_batch_in_which_its_lease_was_lost_and_leaves_the_new_holders_lease()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var job = await Leases(host).TryStartAsync(new LeaseRequest("job", TimeToLive), null, CancellationToken.None);
        Assert.NotNull(job);
        var batches = 0;

        bool finished;
        await using (job)
        {
            finished = await job.RunBatchesAsync(
                async _ =>
                {
                    if (++batches == 2)
                    {
                        // This instance stalled past its lease: another took it over, and the next beat finds out.
                        await host.WithContextAsync(db => db.Set<LeaseRecord>().ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "other-instance")));
                        host.Clock.Advance(TimeToLive / 3);
                        await job.HeartbeatPending;
                    }

                    return true; // always more work
                },
                CancellationToken.None);
        }

        Assert.False(finished);
        Assert.Equal(2, batches);
        Assert.Equal("other-instance", await host.WithContextAsync(db => db.Set<LeaseRecord>().Select(l => l.Holder).SingleAsync()));
    }

    private static JobLeases Leases(RetentionHost host)
        => new(host.Services.GetRequiredService<IServiceScopeFactory>(), typeof(RetentionContext), host.Clock);
}
