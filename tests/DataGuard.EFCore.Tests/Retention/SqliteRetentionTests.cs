using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Retention;

public sealed class SqliteRetentionTests
{
    private static readonly TimeSpan VisitPeriod = TimeSpan.FromDays(30);
    private static readonly TimeSpan MemberPeriod = TimeSpan.FromDays(365);

    [Fact]
    public async Task Rows_exactly_at_the_boundary_are_kept_and_one_tick_past_are_purged()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var cutoff = host.Now - VisitPeriod;
        var atBoundary = RetentionHost.Visit(cutoff);
        var tickPast = RetentionHost.Visit(cutoff.AddTicks(-1));
        var tickBefore = RetentionHost.Visit(cutoff.AddTicks(1));
        await host.AddAsync(atBoundary, tickPast, tickBefore);

        var report = await host.Retention.RunAsync();

        var left = await host.WithContextAsync(db => db.Visits.Select(v => v.Id).ToListAsync());
        Assert.Equal(new[] { atBoundary.Id, tickBefore.Id }.Order(), left.Order());
        var visits = Assert.Single(report.Entities, e => e.Entity == nameof(Visit));
        Assert.Equal((1, 1, 0, 0), (visits.Due, visits.Purged, visits.Anonymized, visits.Held));
        Assert.Equal(host.Clock.GetUtcNow() - VisitPeriod, visits.DueBefore);
    }

    [Fact]
    public async Task Any_row_dated_before_the_cutoff_is_purged_and_any_other_is_kept()
    {
        // Property: for ages generated around the boundary (ticks to days either side), the purge keeps exactly the rows
        // dated at or after the cutoff. One database, many generated rows per sample.
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var offsets = Gen.OneOf(Gen.Choose(-5, 5).Select(static t => (long)t), Gen.Choose(-1_000_000, 1_000_000).Select(static t => (long)t * 997),
            Gen.Choose(-3, 3).Select(static d => d * TimeSpan.TicksPerDay))
            .ListOf()
            .Sample(25, 12);
        foreach (var sample in offsets)
        {
            await host.WithContextAsync(db => db.Visits.ExecuteDeleteAsync());
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            var cutoff = host.Now - VisitPeriod;
            var visits = sample.Select(o => RetentionHost.Visit(cutoff.AddTicks(o))).ToList();
            await host.AddAsync([.. visits]);

            var report = await host.Retention.RunAsync();

            var left = await host.WithContextAsync(db => db.Visits.Select(v => v.Id).ToListAsync());
            var expected = visits.Where(v => v.VisitedAt >= cutoff).Select(v => v.Id);
            Assert.Equal(expected.Order(), left.Order());
            Assert.Equal(visits.Count(v => v.VisitedAt < cutoff), report.Entities.Single(e => e.Entity == nameof(Visit)).Purged);
        }
    }

    [Fact]
    public async Task Rows_of_a_held_subject_survive_and_are_counted_as_held_until_the_hold_is_released()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var held = Guid.NewGuid();
        var old = host.Now.AddDays(-40);
        await host.AddAsync(RetentionHost.Visit(old, held), RetentionHost.Visit(old, held), RetentionHost.Visit(old), RetentionHost.Visit(host.Now, held));
        var hold = await host.Holds.PlaceOnSubjectAsync(held, "case 2026-114", "legal@example.com");

        var report = await host.Retention.RunAsync();

        var visits = report.Entities.Single(e => e.Entity == nameof(Visit));
        Assert.Equal((3, 1, 2), (visits.Due, visits.Purged, visits.Held));
        Assert.Equal(3, await host.WithContextAsync(db => db.Visits.CountAsync(v => v.MemberId == held)));
        Assert.Equal(hold.Id, Assert.Single(await host.Holds.GetActiveAsync()).Id);

        Assert.True(await host.Holds.ReleaseAsync(hold.Id, "legal@example.com"));
        Assert.False(await host.Holds.ReleaseAsync(hold.Id, "legal@example.com"));
        var after = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));
        Assert.Equal((2, 2, 0), (after.Due, after.Purged, after.Held));
        Assert.Equal(1, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Empty(await host.Holds.GetActiveAsync());
    }

    [Fact]
    public async Task A_hold_on_an_entity_type_keeps_all_its_due_rows_and_leaves_other_types_alone()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)), RetentionHost.Visit(host.Now.AddDays(-50)),
            RetentionHost.Member(host.Now.AddDays(-400)));
        var hold = await host.Holds.PlaceOnEntityTypeAsync(nameof(Visit), "regulator request R-7", "dpo");

        var report = await host.Retention.RunAsync();

        Assert.Equal((2, 0, 2), report.Entities.Single(e => e.Entity == nameof(Visit)) is var v ? (v.Due, v.Purged, v.Held) : default);
        Assert.Equal(1, report.Entities.Single(e => e.Entity == nameof(Member)).Anonymized);
        Assert.Equal(2, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Equal(nameof(Visit), hold.EntityType);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnEntityTypeAsync("Nope", "r", "a"));
    }

    [Fact]
    public async Task Anonymised_rows_keep_their_non_personal_columns_lose_personal_values_and_are_not_anonymised_twice()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var old = RetentionHost.Member(host.Now - MemberPeriod - TimeSpan.FromTicks(1));
        var young = RetentionHost.Member(host.Now - MemberPeriod);
        await host.AddAsync(old, young);

        var report = await host.Retention.RunAsync();

        Assert.Equal(1, report.Entities.Single(e => e.Entity == nameof(Member)).Anonymized);
        await host.WithContextAsync(async db =>
        {
            var anonymised = await db.Members.AsNoTracking().SingleAsync(m => m.Id == old.Id);
            Assert.Equal((old.Country, old.Points, old.JoinedAt), (anonymised.Country, anonymised.Points, anonymised.JoinedAt));
            Assert.Equal(("", null, "", default(DateOnly)), (anonymised.Email, anonymised.Phone, anonymised.Nickname, anonymised.BirthDate));
            Assert.Null(await db.Members.Where(m => m.Id == old.Id).Select(m => EF.Property<byte[]?>(m, "EmailBlindIndex")).SingleAsync());
            Assert.Equal(host.Now, await db.Members.Where(m => m.Id == old.Id).Select(m => EF.Property<DateTime?>(m, "DataGuardAnonymizedAt")).SingleAsync());
            Assert.Empty(await db.Members.WhereEncrypted(m => m.Email, old.Email).Where(m => m.Id == old.Id).ToListAsync());

            var kept = await db.Members.AsNoTracking().SingleAsync(m => m.Id == young.Id);
            Assert.Equal((young.Email, young.Phone, young.Nickname, young.BirthDate), (kept.Email, kept.Phone, kept.Nickname, kept.BirthDate));
        });

        var again = await host.Retention.RunAsync();
        Assert.Equal((0, 0), again.Entities.Single(e => e.Entity == nameof(Member)) is var m ? (m.Due, m.Anonymized) : default);
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_and_reports_what_a_run_would_change()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var held = Guid.NewGuid();
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)), RetentionHost.Visit(host.Now.AddDays(-40), held), RetentionHost.Visit(host.Now),
            RetentionHost.Member(host.Now.AddDays(-400)));
        await host.Holds.PlaceOnSubjectAsync(held, "case 9", "legal");
        var before = await host.WithContextAsync(db => db.Members.AsNoTracking().SingleAsync());
        host.Commands.Commands.Clear();

        var dry = await host.Retention.RunAsync(dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Equal((2, 1, 1), dry.Entities.Single(e => e.Entity == nameof(Visit)) is var v ? (v.Due, v.Purged, v.Held) : default);
        Assert.Equal((1, 1), dry.Entities.Single(e => e.Entity == nameof(Member)) is var m ? (m.Due, m.Anonymized) : default);
        Assert.DoesNotContain(host.Commands.Commands,
            c
                => c.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || c.TrimStart().StartsWith("UPDATE",
                    StringComparison.OrdinalIgnoreCase) || c.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, await host.WithContextAsync(db => db.Visits.CountAsync()));
        var after = await host.WithContextAsync(db => db.Members.AsNoTracking().SingleAsync());
        Assert.Equal((before.Email, before.Phone, before.Nickname), (after.Email, after.Phone, after.Nickname));

        var real = await host.Retention.RunAsync();
        Assert.Equal((dry.Purged, dry.Anonymized, dry.Held), (real.Purged, real.Anonymized, real.Held));
    }

    [Fact]
    public async Task A_delete_policy_sends_set_based_deletes_and_never_selects_the_entity()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder, o => o.Retention.BatchSize = 2);
        await host.AddAsync([.. Enumerable.Range(0, 5).Select(i => RetentionHost.Visit(host.Now.AddDays(-40 - i)))]);
        host.Commands.Commands.Clear();

        var report = await host.Retention.RunAsync();

        Assert.Equal(5, report.Purged);
        var touchingVisits = host.Commands.Commands.Where(c => c.Contains("\"Visits\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, touchingVisits.Count); // batches of 2, 2 and 1
        Assert.All(touchingVisits, sql =>
        {
            Assert.StartsWith("DELETE FROM \"Visits\"", sql.TrimStart(), StringComparison.Ordinal);
            Assert.DoesNotContain("\"IpAddress\"", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Page\"", sql, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(null, 100_000)]
    [InlineData(10_000, 10_000)]
    public async Task On_sqlite_an_unset_batch_size_is_100000_and_a_set_one_is_kept(int? configured, int expected)
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder, o =>
        {
            if (configured is { } size)
            {
                o.Retention.BatchSize = size;
            }
        });
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));
        var limits = new List<object?>();
        host.Commands.BeforeExecute = c =>
        {
            if (c.CommandText.TrimStart().StartsWith("DELETE FROM \"Visits\"", StringComparison.Ordinal))
            {
                limits.Add(c.Parameters.Cast<DbParameter>().Single(p => p.Value is int).Value);
            }
        };

        var report = await host.Retention.RunAsync();

        Assert.Equal(1, report.Purged);
        Assert.Equal([expected], limits);
    }

    [Fact]
    public async Task On_sqlite_a_run_works_with_a_64_mib_page_cache_and_gives_the_connection_back_with_its_own()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));
        var during = new List<long>();
        host.Commands.BeforeExecute = c =>
        {
            if (c.CommandText.TrimStart().StartsWith("DELETE FROM \"Visits\"", StringComparison.Ordinal))
            {
                during.Add(CacheSize(c.Connection!));
            }
        };

        await host.Retention.RunAsync();
        host.Commands.BeforeExecute = null;

        Assert.Equal([-64L * 1024], during);
        var after = await host.WithContextAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return CacheSize(db.Database.GetDbConnection());
        });
        Assert.Equal(-2000L, after); // SQLite's default, on the same pooled connection

        static long CacheSize(DbConnection connection)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size";
            return (long)pragma.ExecuteScalar()!;
        }
    }

    [Fact]
    public async Task Each_batch_commits_and_is_audited_so_a_cancelled_run_keeps_whole_batches_and_a_rerun_finishes()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder, o => o.Retention.BatchSize = 10);
        await host.AddAsync([.. Enumerable.Range(0, 35).Select(i => RetentionHost.Visit(host.Now.AddDays(-31 - i)))]);
        using var cancel = new CancellationTokenSource();
        host.Audit.OnRecord = e =>
        {
            if (e.Action == DataGuard.Audit.AuditActions.RetentionBatch && host.Audit.Batches.Count() == 2)
            {
                cancel.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Retention.RunAsync(cancellationToken: cancel.Token));

        Assert.Equal([10, 10], host.Audit.BatchRows(nameof(Visit)));
        Assert.Equal(15, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Empty(await host.WithContextAsync(db => db.Set<DataGuard.EFCore.Leases.LeaseRecord>().ToListAsync())); // released on cancellation

        host.Audit.OnRecord = null;
        var rerun = await host.Retention.RunAsync();
        Assert.Equal(15, rerun.Purged);
        Assert.Equal([10, 10, 10, 5], host.Audit.BatchRows(nameof(Visit)));
        Assert.Equal(0, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Contains(host.Audit.Events, e => e.Action == DataGuard.Audit.AuditActions.RetentionRun);
    }

    [Fact]
    public async Task A_shred_policy_without_subject_keys_is_reported_and_leaves_its_rows_unchanged()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        await host.AddAsync(new Invoice { MemberId = Guid.NewGuid(), BillingAddress = "Rua 1", IssuedOn = DateOnly.FromDateTime(host.Now.AddYears(-11)) });

        var invoices = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Invoice));

        Assert.Equal((1, 0), (invoices.Due, invoices.Purged));
        Assert.Contains("Shred", Assert.Single(invoices.Errors), StringComparison.Ordinal);
        Assert.True(invoices.Policy.IsMinimum);
        Assert.Equal(1, await host.WithContextAsync(db => db.Invoices.CountAsync()));
    }

    [Fact]
    public async Task A_live_lease_of_another_instance_makes_this_one_skip_the_policy_until_the_lease_expires()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));
        var lease = new DataGuard.EFCore.Leases.LeaseRecord { Name = "retention:Visit", Holder = "dead-instance", ExpiresAt = host.Now.AddMinutes(5) };
        await host.AddAsync(lease);

        var whileHeld = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var afterExpiry = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Visit));

        Assert.True(whileHeld.Skipped);
        Assert.Equal(0, whileHeld.Purged);
        Assert.False(afterExpiry.Skipped);
        Assert.Equal(1, afterExpiry.Purged);
    }

    [Fact]
    public async Task The_retention_job_runs_at_start_and_again_after_each_interval()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder, o => o.Retention.Interval = TimeSpan.FromHours(6), job: true);
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));
        var runs = System.Threading.Channels.Channel.CreateUnbounded<DataGuard.Audit.AuditEvent>();
        host.Audit.OnRecord = e =>
        {
            if (e.Action == DataGuard.Audit.AuditActions.RetentionRun)
            {
                runs.Writer.TryWrite(e);
            }
        };
        var job = Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
            s => s.GetType().Name == "RetentionBackgroundService");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await job.StartAsync(timeout.Token);
        await runs.Reader.ReadAsync(timeout.Token);
        Assert.Equal(0, await host.WithContextAsync(db => db.Visits.CountAsync()));

        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-40)));
        host.Clock.Advance(TimeSpan.FromHours(6));
        await runs.Reader.ReadAsync(timeout.Token);
        Assert.Equal(0, await host.WithContextAsync(db => db.Visits.CountAsync()));
        await job.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task An_idle_run_writes_no_audit_entry_and_the_job_logs_that_it_changed_nothing()
    {
        using var folder = new TempDirectory();
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        await using var host = await RetentionHost.SqliteAsync(folder, o => o.Retention.Interval = TimeSpan.FromHours(6), job: true,
            register: RetentionHost.LogTo(lines.Writer));
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-1))); // not due yet
        var job = Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
            s => s.GetType().Name == "RetentionBackgroundService");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await job.StartAsync(timeout.Token);
        string line;
        do
        {
            line = await lines.Reader.ReadAsync(timeout.Token);
        }
        while (!line.Contains("retention job", StringComparison.Ordinal));
        await job.StopAsync(timeout.Token);

        Assert.Contains("changed nothing", line, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Audit.Events, e => e.Action == DataGuard.Audit.AuditActions.RetentionRun);
        Assert.Equal(1, await host.WithContextAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task A_fluent_policy_on_a_date_only_column_purges_rows_whose_day_is_before_the_cutoff_day()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var today = DateOnly.FromDateTime(host.Now);
        var held = new Ticket { CustomerRef = "C-17", Subject = "refund", OpenedOn = today.AddDays(-30) };
        await host.AddAsync(
            new Ticket { CustomerRef = "C-1", Subject = "late parcel", OpenedOn = today.AddDays(-8) },
            new Ticket { CustomerRef = "C-2", Subject = "invoice copy", OpenedOn = today.AddDays(-7) },
            held);
        await host.Holds.PlaceOnSubjectAsync((SubjectId)"C-17", "chargeback", "support-lead");

        var tickets = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Ticket));

        Assert.Equal((2, 1, 1), (tickets.Due, tickets.Purged, tickets.Held));
        var left = await host.WithContextAsync(db => db.Tickets.Select(t => t.CustomerRef).ToListAsync());
        Assert.Equal(["C-17", "C-2"], left.Order());
    }

    [Fact]
    public void A_date_time_offset_policy_without_a_conversion_stops_the_sqlite_model_naming_the_property()
    {
        using var folder = new TempDirectory();
        using var db = TestContexts.Sqlite<UnconvertedSessionContext>(folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("Session.StartedAt: [Retain] From is a DateTimeOffset", error, StringComparison.Ordinal);
        Assert.Contains("HasConversion(v => v.UtcTicks", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_time_offset_policy_with_a_utc_ticks_conversion_purges_by_instant_to_the_tick_on_sqlite()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);
        var cutoff = host.Clock.GetUtcNow().AddDays(-1);
        var east = TimeSpan.FromHours(5);
        Session At(DateTimeOffset instant, TimeSpan offset) => new() { MemberId = Guid.NewGuid(), UserAgent = "Firefox", StartedAt = instant.ToOffset(offset) };

        // Local clock readings sort the other way round from the instants: only an instant comparison gets these right.
        var atBoundary = At(cutoff, -east);
        var tickPast = At(cutoff.AddTicks(-1), east);
        var tickBefore = At(cutoff.AddTicks(1), -east);
        await host.AddAsync(atBoundary, tickPast, tickBefore);

        var report = await host.Retention.RunAsync();

        var sessions = report.Entities.Single(e => e.Entity == nameof(Session));
        Assert.Empty(sessions.Errors);
        Assert.Equal((1, 1), (sessions.Due, sessions.Purged));
        var left = await host.WithContextAsync(db => db.Sessions.Select(s => s.Id).ToListAsync());
        Assert.Equal(new[] { atBoundary.Id, tickBefore.Id }.Order(), left.Order());
    }

    [Fact]
    public async Task Legal_holds_need_a_reason_and_an_actor_and_name_a_known_entity()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnSubjectAsync(Guid.NewGuid(), "", "legal"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnSubjectAsync(Guid.NewGuid(), "case", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnSubjectAsync(default, "case", "legal"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnEntityTypeAsync("Customer", "case", "legal"));
        var hold = await host.Holds.PlaceOnEntityTypeAsync(nameof(Member), "case-ref-9", "counsel-7");
        Assert.Equal((nameof(Member), "case-ref-9", "counsel-7", host.Clock.GetUtcNow(), true),
            (hold.EntityType, hold.Reason, hold.PlacedBy, hold.PlacedAt, hold.IsActive));
        var placed = Assert.Single(host.Audit.Events, e => e.Action == DataGuard.Audit.AuditActions.LegalHoldPlaced);
        Assert.Equal(nameof(Member), placed.EntityType);
        Assert.DoesNotContain("case-ref-9", placed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("counsel-7", placed.Details, StringComparison.Ordinal);
    }
}
