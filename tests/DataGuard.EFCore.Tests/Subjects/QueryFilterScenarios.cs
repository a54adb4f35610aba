using System.Text;
using System.Text.Json;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>Export and erasure see every row, whatever query filters the application declares (EF Core 10 named filters
/// and unnamed ones), and the erasure report counts what the database did (checked with plain SQL). Run on every database.</summary>
public abstract class QueryFilterScenarios
{
    private static readonly DateTime Now = CareHost.Now.UtcDateTime;

    internal abstract Task<CareHost> HostAsync(Action<DataGuardOptions>? configure = null);

    /// <summary>Ana with a visible booking, a soft-deleted one and one another named filter hides; a sent reminder (hidden
    /// by an unnamed filter) and a pending one on a soft-deleted booking. Zoë is soft-deleted herself.</summary>
    private static async Task<(CareClient Ana, CareClient Zoe)> SeedAsync(CareHost host)
    {
        var ana = new CareClient { Id = Guid.NewGuid(), Name = "Ana Lima", Phone = "+351 912 000 111", RegisteredAt = Now.AddYears(-3),
            LastSeenAt = CareHost.Now.AddDays(-1) };
        var visible = new CareBooking { Client = ana, Note = "ana-visible", At = Now.AddYears(-2),
            Reminders = [new CareReminder { Text = "ana-sent", Sent = true }] };
        var deleted = new CareBooking { Client = ana, Note = "ana-deleted", At = Now.AddDays(-20), IsDeleted = true,
            Reminders = [new CareReminder { Text = "ana-pending" }] };
        var filtered = new CareBooking { Client = ana, Note = "hidden-by-filter", At = Now.AddDays(-2) };
        var zoe = new CareClient { Id = Guid.NewGuid(), Name = "Zoë", Phone = "+34 600 000 000", RegisteredAt = Now.AddYears(-1),
            LastSeenAt = CareHost.Now.AddDays(-100), IsDeleted = true };
        await host.AddAsync(ana, visible, deleted, filtered, zoe, new CareBooking { Client = zoe, Note = "zoe-booking", At = Now.AddDays(-5) });
        return (ana, zoe);
    }

    [StoreFact]
    public async Task Export_holds_the_rows_that_query_filters_hide()
    {
        await using var host = await HostAsync();
        var (ana, zoe) = await SeedAsync(host);

        var package = await ExportAsync(host, ana.Id);
        var soft = await ExportAsync(host, zoe.Id);

        Assert.Equal(
            [("CareBooking", 3L), ("CareClient", 1L), ("CareReminder", 2L)],
            package.Manifest.Entities.Select(e => (e.Name, e.Rows)));
        Assert.Equal(["ana-deleted", "ana-visible", "hidden-by-filter"],
            package.ReadRows("CareBooking").Select(r => r.GetProperty("Note").GetString()).Order());
        Assert.Equal(["ana-pending", "ana-sent"], package.ReadRows("CareReminder").Select(r => r.GetProperty("Text").GetString()).Order());
        Assert.Equal("Zoë", Assert.Single(soft.ReadRows("CareClient")).GetProperty("Name").GetString());
        Assert.Equal("zoe-booking", Assert.Single(soft.ReadRows("CareBooking")).GetProperty("Note").GetString());
    }

    [StoreFact]
    public async Task Erase_works_the_rows_that_query_filters_hide_and_counts_what_the_database_deleted()
    {
        await using var host = await HostAsync();
        var (ana, zoe) = await SeedAsync(host);
        var bookingsBefore = await host.CountAsync("Bookings");
        var remindersBefore = await host.CountAsync("Reminders");

        var report = await host.Subjects.EraseAsync(ana.Id);
        var soft = await host.Subjects.EraseAsync(zoe.Id);

        var byEntity = report.Entities.ToDictionary(e => e.Entity);
        Assert.Equal((2L, 3L, 1L), (byEntity["CareReminder"].Deleted, byEntity["CareBooking"].Deleted, byEntity["CareClient"].Deleted));
        Assert.Equal(bookingsBefore - 3 - 1, await host.CountAsync("Bookings"));
        Assert.Equal(remindersBefore - 2, await host.CountAsync("Reminders"));
        Assert.Equal((1L, 1L), (soft.Entities.Single(e => e.Entity == "CareClient").Deleted, soft.Entities.Single(e => e.Entity == "CareBooking").Deleted));
        Assert.Equal(0, await host.CountAsync("Clients"));
        Assert.Equal(0, await host.CountAsync("Bookings"));
    }

    [StoreFact]
    public async Task Erase_reports_rows_the_database_deleted_by_cascade_under_their_own_entity()
    {
        await using var host = await HostAsync();
        var ana = new CareClient { Id = Guid.NewGuid(), Name = "Ana", Phone = "1", RegisteredAt = Now.AddYears(-3), LastSeenAt = CareHost.Now };
        var booking = new CareBooking { Client = ana, Note = "ana-booking", At = Now.AddDays(-3),
            Attachments = [new CareAttachment { Pages = 1 }, new CareAttachment { Pages = 2 }] };
        await host.AddAsync(ana, booking);
        var before = await TotalRowsAsync(host);

        var report = await host.Subjects.EraseAsync(ana.Id);

        var attachments = Assert.Single(report.Entities, e => e.Entity == "CareAttachment");
        Assert.Equal(2, attachments.Deleted);
        Assert.Contains("cascade from CareBooking", Assert.Single(attachments.Reasons), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("Attachments"));
        Assert.Equal(before - await TotalRowsAsync(host), report.Deleted);
    }

    [StoreFact]
    public async Task Erase_keeps_or_anonymises_rows_a_restricting_foreign_key_protects_instead_of_failing()
    {
        await using var host = await HostAsync();
        var ana = new CareClient { Id = Guid.NewGuid(), Name = "Ana", Phone = "+351 912", RegisteredAt = Now.AddYears(-3), LastSeenAt = CareHost.Now };
        var billed = new CareBooking { Client = ana, Note = "ana-billed", At = Now.AddDays(-3) };
        var free = new CareBooking { Client = ana, Note = "ana-free", At = Now.AddDays(-3) };
        await host.AddAsync(ana, billed, free, new CareInvoice { Booking = billed, Amount = 40m });
        var before = await TotalRowsAsync(host);

        var report = await host.Subjects.EraseAsync(ana.Id);

        var bookings = report.Entities.Single(e => e.Entity == "CareBooking");
        Assert.Equal((ErasureAction.Anonymize, 2L), (bookings.Action, bookings.Anonymized));
        Assert.Contains("CareInvoice", Assert.Single(bookings.Reasons), StringComparison.Ordinal);
        var client = report.Entities.Single(e => e.Entity == "CareClient");
        Assert.Equal((ErasureAction.Anonymize, 1L), (client.Action, client.Anonymized));
        Assert.Equal(1, await host.CountAsync("Invoices"));
        Assert.Equal(0, await host.CountAsync("Bookings", "\"Note\" IS NOT NULL"));
        Assert.Equal(before - await TotalRowsAsync(host), report.Deleted);
    }

    [StoreFact]
    public async Task Retention_leaves_due_rows_a_restricting_foreign_key_protects_purges_the_rest_and_its_dry_run_predicts_it()
    {
        await using var host = await HostAsync();
        var ana = new CareClient { Id = Guid.NewGuid(), Name = "Ana", Phone = "1", RegisteredAt = Now.AddYears(-3), LastSeenAt = CareHost.Now };
        var billed = new CareBooking { Client = ana, Note = "billed", At = Now.AddYears(-2) };
        await host.AddAsync(
            ana,
            billed,
            new CareInvoice { Booking = billed, Amount = 40m },
            new CareBooking { Client = ana, Note = "old-1", At = Now.AddYears(-2) },
            new CareBooking { Client = ana, Note = "old-2", At = Now.AddYears(-2), Attachments = [new CareAttachment { Pages = 3 }] });
        var before = await host.CountAsync("Bookings");

        var dry = (await host.Retention.RunAsync(dryRun: true)).Entities.Single(e => e.Entity == "CareBooking");
        var real = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == "CareBooking");

        Assert.Equal((3L, 2L), (real.Due, real.Purged));
        Assert.Equal((dry.Due, dry.Purged, dry.Held), (real.Due, real.Purged, real.Held));
        Assert.Equal(before - real.Purged, await host.CountAsync("Bookings"));
        Assert.Contains("CareInvoice", Assert.Single(real.Errors), StringComparison.Ordinal);
        Assert.Equal(Assert.Single(dry.Errors), Assert.Single(real.Errors));
        Assert.Equal(1, await host.CountAsync("Bookings", "\"Note\" = 'billed'"));
    }

    [StoreFact]
    public async Task Retention_purges_dependents_before_their_principals_so_every_deleted_row_is_counted()
    {
        await using var host = await HostAsync();
        await host.AddAsync(new CareCourse { Title = "course", EndedAt = Now.AddDays(-60),
            Lessons = [new CareLesson { Notes = "l1", HeldAt = Now.AddDays(-70) }, new CareLesson { Notes = "l2", HeldAt = Now.AddDays(-65) }] });

        var dry = await host.Retention.RunAsync(dryRun: true);
        var report = await host.Retention.RunAsync();

        var names = report.Entities.Select(e => e.Entity).ToList();
        Assert.True(names.IndexOf("CareLesson") < names.IndexOf("CareCourse"), string.Join(", ", names));
        Assert.Equal((2L, 1L), (report.Entities.Single(e => e.Entity == "CareLesson").Purged, report.Entities.Single(e => e.Entity == "CareCourse").Purged));
        Assert.Equal(dry.Purged, report.Purged);
        Assert.Equal(0, await host.CountAsync("Lessons") + await host.CountAsync("Courses"));
    }

    private static async Task<long> TotalRowsAsync(CareHost host)
    {
        long total = 0;
        foreach (var table in new[] { "Clients", "Bookings", "Reminders", "Attachments", "Invoices" })
        {
            total += await host.CountAsync(table);
        }

        return total;
    }

    [StoreFact]
    public async Task Retention_purges_due_rows_that_query_filters_hide_and_its_dry_run_predicts_the_real_run()
    {
        await using var host = await HostAsync();
        var ana = new CareClient { Id = Guid.NewGuid(), Name = "Ana", Phone = "1", RegisteredAt = Now.AddYears(-3), LastSeenAt = CareHost.Now };
        await host.AddAsync(
            ana,
            new CareBooking { Client = ana, Note = "old-deleted", At = Now.AddYears(-2), IsDeleted = true },
            new CareBooking { Client = ana, Note = "hidden-by-filter", At = Now.AddYears(-2) },
            new CareBooking { Client = ana, Note = "old-visible", At = Now.AddYears(-2) },
            new CareBooking { Client = ana, Note = "recent-deleted", At = Now.AddDays(-3), IsDeleted = true });

        var dry = (await host.Retention.RunAsync(dryRun: true)).Entities.Single(e => e.Entity == "CareBooking");
        var real = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == "CareBooking");

        Assert.Equal((3L, 3L), (dry.Due, dry.Purged));
        Assert.Equal((dry.Due, dry.Purged, dry.Held), (real.Due, real.Purged, real.Held));
        Assert.Equal(1, await host.CountAsync("Bookings"));
        Assert.Empty(real.Errors);
    }

    [StoreFact]
    public async Task Export_json_keeps_non_ascii_text_and_plus_as_they_are_and_writes_every_timestamp_in_utc_with_z()
    {
        await using var host = await HostAsync();
        const string name = "Zoë \"Q\" <b>&amp; +34 … 東京 😀";
        var zoe = new CareClient { Id = Guid.NewGuid(), Name = name, Phone = "+34 600 000 000",
            RegisteredAt = new DateTime(2024, 5, 17, 10, 30, 0, DateTimeKind.Utc), LastSeenAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) };
        await host.AddAsync(zoe);

        var package = await ExportAsync(host, zoe.Id);

        var json = Encoding.UTF8.GetString(package.ReadFile("data/CareClient.json").Span);
        Assert.Contains("\"Zoë \\\"Q\\\" <b>&amp; +34 … 東京 😀\"", json, StringComparison.Ordinal);
        Assert.Contains("\"+34 600 000 000\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        var row = Assert.Single(package.ReadRows("CareClient"));
        Assert.Equal(name, row.GetProperty("Name").GetString());
        Assert.Equal("2024-05-17T10:30:00.0000000Z", row.GetProperty("RegisteredAt").GetString());
        Assert.Equal("2026-11-20T09:00:00.0000000Z", row.GetProperty("LastSeenAt").GetString());
        var csv = package.ReadCsv("CareClient");
        Assert.Contains("2024-05-17T10:30:00.0000000Z", csv[1]);
        Assert.Contains("2026-11-20T09:00:00.0000000Z", csv[1]);
    }

    private static async Task<SubjectExportPackage> ExportAsync(CareHost host, Guid subject)
    {
        using var buffer = new MemoryStream();
        await host.Subjects.ExportAsync(subject, buffer);
        buffer.Position = 0;
        return await SubjectExportPackage.ReadAsync(buffer);
    }
}
