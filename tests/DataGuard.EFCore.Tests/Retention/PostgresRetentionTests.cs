using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Retention;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Retention;

public sealed class PostgresRetentionTests(PostgresRetentionDatabase database) : IClassFixture<PostgresRetentionDatabase>
{
    private static readonly TimeSpan VisitPeriod = TimeSpan.FromDays(30);

    private async Task<RetentionHost> CleanHostAsync(Action<DataGuardOptions>? configure = null, FakeTimeProvider? clock = null)
    {
        var host = await database.HostAsync(configure, clock);
        await PostgresRetentionDatabase.ResetAsync(host);
        return host;
    }

    [PostgresFact]
    public async Task Rows_exactly_at_the_boundary_are_kept_and_one_tick_past_are_purged()
    {
        await using var host = await CleanHostAsync();
        var cutoff = host.Now - VisitPeriod;
        var atBoundary = RetentionHost.Visit(cutoff);
        var tickPast = RetentionHost.Visit(cutoff.AddTicks(-1));
        await host.AddAsync(atBoundary, tickPast);

        var first = await host.Retention.RunAsync();
        var left = await host.WithContextAsync(db => db.Visits.Select(v => v.Id).ToListAsync());

        Assert.Equal([atBoundary.Id], left);
        Assert.Equal(1, first.Purged);

        // One tick later the boundary row is one tick past its period (PostgreSQL keeps microseconds: the cutoff is
        // rounded up so that the tick still counts).
        host.Clock.Advance(TimeSpan.FromTicks(1));
        var second = await host.Retention.RunAsync();
        Assert.Equal(1, second.Purged);
        Assert.Equal(0, await host.WithContextAsync(db => db.Visits.CountAsync()));
    }

    [PostgresFact]
    public async Task Rows_of_a_held_subject_survive_and_are_counted_as_held()
    {
        await using var host = await CleanHostAsync();
        var held = Guid.NewGuid();
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40), held), RetentionHost.Visit(host.Now.AddDays(-40)));
        await host.Holds.PlaceOnSubjectAsync(held, "case 2026-114", "legal");

        var visits = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));

        Assert.Equal((2, 1, 1), (visits.Due, visits.Purged, visits.Held));
        Assert.Equal(held, (await host.WithContextAsync(db => db.Visits.SingleAsync())).MemberId);
    }

    [PostgresFact]
    public async Task Anonymised_rows_keep_their_non_personal_columns_and_lose_personal_values()
    {
        await using var host = await CleanHostAsync();
        var old = RetentionHost.Member(host.Now.AddDays(-366));
        await host.AddAsync(old);

        var report = await host.Retention.RunAsync();

        Assert.Equal(1, report.Anonymized);
        var row = await host.WithContextAsync(db => db.Members.AsNoTracking().SingleAsync());
        Assert.Equal((old.Country, old.Points, old.JoinedAt), (row.Country, row.Points, row.JoinedAt));
        Assert.Equal(("", null, "", default(DateOnly)), (row.Email, row.Phone, row.Nickname, row.BirthDate));
        Assert.Null(await host.WithContextAsync(db => db.Members.Select(m => EF.Property<byte[]?>(m, "EmailBlindIndex")).SingleAsync()));
        Assert.Equal(0, (await host.Retention.RunAsync()).Anonymized);
    }

    [PostgresFact]
    public async Task A_dry_run_changes_nothing_and_reports_what_a_run_would_change()
    {
        await using var host = await CleanHostAsync();
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)), RetentionHost.Visit(host.Now), RetentionHost.Member(host.Now.AddDays(-400)));

        var dry = await host.Retention.RunAsync(dryRun: true);

        Assert.Equal((1, 1), (dry.Purged, dry.Anonymized));
        Assert.Equal(2, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Equal("ana.silva@example.com", (await host.WithContextAsync(db => db.Members.SingleAsync())).Email);
    }

    [PostgresFact]
    public async Task A_delete_policy_sends_set_based_deletes_and_never_selects_the_entity()
    {
        await using var host = await CleanHostAsync(o => o.Retention.BatchSize = 2);
        await host.AddAsync([.. Enumerable.Range(0, 3).Select(i => RetentionHost.Visit(host.Now.AddDays(-40 - i)))]);
        host.Commands.Commands.Clear();

        Assert.Equal(3, (await host.Retention.RunAsync()).Purged);

        var touchingVisits = host.Commands.Commands.Where(c => c.Contains("\"Visits\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, touchingVisits.Count);
        Assert.All(touchingVisits, sql =>
        {
            Assert.StartsWith("DELETE FROM \"Visits\"", sql.TrimStart(), StringComparison.Ordinal);
            Assert.DoesNotContain("\"IpAddress\"", sql, StringComparison.Ordinal);
        });
    }

    [PostgresFact]
    public async Task Two_hosts_running_retention_together_purge_each_due_row_exactly_once_without_deadlock()
    {
        var clock = new FakeTimeProvider(RetentionHost.Start);
        await using var a = await CleanHostAsync(o => o.Retention.BatchSize = 25, clock);
        await using var b = await database.HostAsync(o => o.Retention.BatchSize = 25, clock);
        var members = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        await a.AddAsync([
            .. Enumerable.Range(0, 1_500).Select(i => RetentionHost.Visit(a.Now.AddDays(-31).AddMinutes(-i), members[i % members.Length])),
            .. Enumerable.Range(0, 40).Select(i => RetentionHost.Visit(a.Now.AddDays(-29), members[i % members.Length])),
            .. Enumerable.Range(0, 400).Select(i => RetentionHost.Member(a.Now.AddDays(-366).AddMinutes(-i))),
            .. Enumerable.Range(0, 10).Select(_ => RetentionHost.Member(a.Now.AddDays(-10))),
        ]);

        var reports = await Task.WhenAll(RunUntilDoneAsync(a), RunUntilDoneAsync(b)).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.All(reports.SelectMany(r => r), r => Assert.False(r.HasErrors, string.Join("; ", r.Entities.SelectMany(e => e.Errors))));
        Assert.Equal(1_500, a.Audit.BatchRows(nameof(Visit)).Sum() + b.Audit.BatchRows(nameof(Visit)).Sum());
        Assert.Equal(400, a.Audit.BatchRows(nameof(Member)).Sum() + b.Audit.BatchRows(nameof(Member)).Sum());
        Assert.Equal(1_500, reports.SelectMany(r => r).Sum(r => r.Purged));
        Assert.Equal(400, reports.SelectMany(r => r).Sum(r => r.Anonymized));
        Assert.Equal(40, await a.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Equal(10, await a.WithContextAsync(db => db.Members.CountAsync(m => m.Nickname != "")));
    }

    [PostgresFact]
    public async Task A_host_killed_mid_run_leaves_no_half_done_batch_and_the_other_host_finishes()
    {
        await using var a = await CleanHostAsync(o => o.Retention.BatchSize = 50);
        await using var b = await database.HostAsync(o => o.Retention.BatchSize = 50, a.Clock);
        await a.AddAsync([.. Enumerable.Range(0, 1_000).Select(i => RetentionHost.Visit(a.Now.AddDays(-31).AddMinutes(-i)))]);
        using var kill = new CancellationTokenSource();
        var deletes = 0;
        a.Commands.BeforeExecute = command =>
        {
            if (command.CommandText.TrimStart().StartsWith("DELETE FROM \"Visits\"", StringComparison.Ordinal) && ++deletes == 4)
            {
                kill.Cancel(); // the fourth batch is about to run: kill the host now
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.Retention.RunAsync(cancellationToken: kill.Token));

        Assert.Equal([50, 50, 50], a.Audit.BatchRows(nameof(Visit)));
        Assert.Equal(850, await b.WithContextAsync(db => db.Visits.CountAsync())); // three whole batches, nothing of the fourth

        var finished = await b.Retention.RunAsync();

        Assert.Equal(850, finished.Purged);
        Assert.All(b.Audit.BatchRows(nameof(Visit)).SkipLast(1), rows => Assert.Equal(50, rows));
        Assert.Equal(0, await b.WithContextAsync(db => db.Visits.CountAsync()));
    }

    [PostgresFact]
    public async Task A_date_time_offset_policy_keeps_the_boundary_row_and_purges_the_one_a_tick_past()
    {
        await using var host = await CleanHostAsync();
        var cutoff = host.Clock.GetUtcNow().AddDays(-1);
        await host.AddAsync(
            new Session { MemberId = Guid.NewGuid(), UserAgent = "kept", StartedAt = cutoff },
            new Session { MemberId = Guid.NewGuid(), UserAgent = "purged", StartedAt = cutoff.AddTicks(-1) });

        var sessions = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Session));

        Assert.Empty(sessions.Errors);
        Assert.Equal(1, sessions.Purged);
        Assert.Equal("kept", (await host.WithContextAsync(db => db.Sessions.SingleAsync())).UserAgent);
    }

    [PostgresFact]
    public async Task Two_hosts_running_the_scheduled_job_purge_each_due_row_exactly_once_and_finish()
    {
        var clock = new FakeTimeProvider(RetentionHost.Start);
        void Configure(DataGuardOptions o)
        {
            o.Retention.BatchSize = 40;
            o.Retention.Interval = TimeSpan.FromMinutes(10);
        }

        await using var seeder = await CleanHostAsync(Configure, clock);
        // An idle run writes no audit entry, so each job's runs are observed through its log (events 1300 and 1313).
        var logs = new[] { System.Threading.Channels.Channel.CreateUnbounded<string>(), System.Threading.Channels.Channel.CreateUnbounded<string>() };
        await using var b = await RetentionHost.StartAsync(o => o.UseNpgsql(database.ConnectionString), Configure, clock,
            seeder.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), create: false, job: true,
                register: RetentionHost.LogTo(logs[1].Writer));
        await using var a = await RetentionHost.StartAsync(o => o.UseNpgsql(database.ConnectionString), Configure, clock,
            seeder.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), create: false, job: true,
                register: RetentionHost.LogTo(logs[0].Writer));
        await seeder.AddAsync([
            .. Enumerable.Range(0, 800).Select(i => RetentionHost.Visit(seeder.Now.AddDays(-31).AddMinutes(-i))),
            .. Enumerable.Range(0, 200).Select(i => RetentionHost.Member(seeder.Now.AddDays(-366).AddMinutes(-i))),
        ]);
        var hosts = new[] { a, b };
        var runs = logs.Select(l => l.Reader).ToArray();
        var jobs = hosts.Select(h => h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(
            s => s.GetType().Name == "RetentionBackgroundService")).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await Task.WhenAll(jobs.Select(j => j.StartAsync(timeout.Token)));
        for (var tick = 0; ; tick++)
        {
            await Task.WhenAll(runs.Select(r => NextRunAsync(r, timeout.Token)));
            var left = await seeder.WithContextAsync(async db => await db.Visits.CountAsync() + await db.Members.CountAsync(m => m.Nickname != ""));
            if (left == 0 || tick == 10)
            {
                break;
            }

            clock.Advance(TimeSpan.FromMinutes(10)); // the next interval: both jobs run again
        }

        await Task.WhenAll(jobs.Select(j => j.StopAsync(CancellationToken.None)));
        Assert.Equal(0, await seeder.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Equal(800, hosts.Sum(h => h.Audit.BatchRows(nameof(Visit)).Sum()));
        Assert.Equal(200, hosts.Sum(h => h.Audit.BatchRows(nameof(Member)).Sum()));
    }

    private static async Task NextRunAsync(System.Threading.Channels.ChannelReader<string> lines, CancellationToken cancellationToken)
    {
        while (!(await lines.ReadAsync(cancellationToken)).Contains("retention job run", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>What the scheduled job does on each instance, run back to back until nothing is left to do.</summary>
    private static async Task<List<RetentionReport>> RunUntilDoneAsync(RetentionHost host)
    {
        var reports = new List<RetentionReport>();
        while (true)
        {
            await Task.Yield();
            var report = await host.Retention.RunAsync();
            reports.Add(report);
            if (report.Entities.All(static e => !e.Skipped) && report.Purged + report.Anonymized == 0)
            {
                return reports;
            }
        }
    }
}
