using System.Diagnostics;
using DataGuard.Consent;
using DataGuard.Diagnostics;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Diagnostics;

public sealed class TelemetryTests
{
    private const string Email = "ana.silva@example.com";
    private const string Name = "Ana Silva";
    private const string Card = "4111111111111111";
    private const string OtherEmail = "rui.costa@example.org";
    private const string OtherName = "Rui Costa";

    private static readonly ActivitySource TestSource = new("DataGuard.Tests.Operations");

    /// <summary>Runs every instrumented operation once in one application, under a root span of its own.</summary>
    private static async Task<(TelemetryCapture Capture, ActivityTraceId Trace, Guid Subject, Guid Other)> RunEveryOperationAsync(TempDirectory folder)
    {
        var capture = new TelemetryCapture(TestSource.Name);
        await using var host = await OpsHost.SqliteAsync(folder, o => o.Encryption.SubjectKeys = true);
        using var root = TestSource.StartActivity("operations under test")!;
        var old = new Customer { Id = Guid.NewGuid(), Email = Email, Name = Name, CardNumber = Card,
            CreatedAt = host.Clock.GetUtcNow().UtcDateTime.AddDays(-800) };
        var other = new Customer { Id = Guid.NewGuid(), Email = OtherEmail, Name = OtherName, CreatedAt = host.Clock.GetUtcNow().UtcDateTime };
        await host.AddAsync(old, other);

        host.Get<SubjectKeyRing>().ClearCache();
        await using (var db = host.NewContext())
        {
            Assert.Equal(Name, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == old.Id)).Name); // a cache miss
            Assert.Equal(Name, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == old.Id)).Name); // a hit
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Customers\" SET \"Name\" = (SELECT \"Name\" FROM \"Customers\" WHERE \"Id\" = {0}) WHERE \"Id\" = {1}", old.Id, other.Id);
            await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.Customers.AsNoTracking().SingleAsync(c => c.Id == other.Id));
        }

        Assert.False(await host.ScopedAsync<IConsentService, bool>(c => c.HasConsentAsync(old.Id, "marketing")));
        await host.ScopedAsync<IConsentService, ConsentRecord>(c => c.GrantAsync(old.Id, "marketing"));
        Assert.True(await host.ScopedAsync<IConsentService, bool>(c => c.HasConsentAsync(old.Id, "marketing")));

        using (var package = new MemoryStream())
        {
            await host.Get<ISubjectRightsService>().ExportAsync(old.Id, package);
        }

        var retention = await host.Get<IRetentionService>().RunAsync();
        Assert.Equal(1, retention.Anonymized);
        await host.Get<IKeyManager>().RotateAsync();
        await host.Get<IFieldReencryptor>().RunAsync();
        await host.Get<ISubjectRightsService>().EraseAsync(old.Id);

        await host.ScopedAsync<ISubjectRequestService, SubjectRequest>(r => r.ReceiveAsync(other.Id, SubjectRequestKind.Access, "officer"));
        await host.ScopedAsync<ISubjectRequestService, SubjectRequest>(r => r.ReceiveAsync(old.Id, SubjectRequestKind.Erasure, "officer"));
        host.Clock.Advance(TimeSpan.FromDays(31));
        await host.ScopedAsync<ISubjectRequestService, SubjectRequest>(r => r.ReceiveAsync(other.Id, SubjectRequestKind.Portability, "officer"));
        await host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SubjectRequestGauges>().Single().RefreshAsync();
        capture.Collect(); // gauges are read while the application lives
        return (capture, root.TraceId, old.Id, other.Id);
    }

    [Fact]
    public async Task Every_operation_records_its_metric_and_span()
    {
        using var folder = new TempDirectory();
        var (capture, trace, _, _) = await RunEveryOperationAsync(folder);
        using var _ = capture;
        var entity = (DataGuardMetrics.EntityTag, nameof(Customer));
        var points = capture.Last;

        double Sum(string name, params (string, string)[] tags)
            => points.Where(p => p.Name == name && tags.All(t => Equals(p.Tags.GetValueOrDefault(t.Item1), t.Item2))).Sum(static p => p.Value);
        Assert.True(Sum("dataguard.field.encrypted", entity) >= 5);
        Assert.True(Sum("dataguard.field.decrypted", entity) >= 6);
        Assert.True(Sum("dataguard.field.failures", entity) >= 1);
        Assert.True(Sum("dataguard.key_cache.misses") >= 1);
        Assert.True(Sum("dataguard.key_cache.hits") >= 1);
        Assert.True(Sum("dataguard.consent.checks", (DataGuardMetrics.PurposeTag, "marketing")) >= 2);
        Assert.True(Sum("dataguard.consent.denials", (DataGuardMetrics.PurposeTag, "marketing"), (DataGuardMetrics.ReasonTag, "absent")) >= 1);
        Assert.True(Sum("dataguard.retention.rows", entity, (DataGuardMetrics.ActionTag, "anonymize")) >= 1);
        Assert.True(Sum("dataguard.audit.appended") >= 5);
        Assert.Contains(points, p => p.Name == "dataguard.subject_requests.open" && p.Value == 3);
        Assert.Contains(points, p => p.Name == "dataguard.subject_requests.overdue" && p.Value == 2);

        var spans = capture.Spans(trace).Select(static a => a.OperationName).ToList();
        Assert.Contains(DataGuardActivitySource.Export, spans);
        Assert.Contains(DataGuardActivitySource.Erase, spans);
        Assert.Contains(DataGuardActivitySource.Retention, spans);
        Assert.Contains(DataGuardActivitySource.Reencrypt, spans);
        Assert.Contains(DataGuardActivitySource.KeyRotate, spans);
    }

    [Fact]
    public async Task No_metric_or_span_tag_carries_a_personal_value_or_a_subject_id()
    {
        using var folder = new TempDirectory();
        var (capture, trace, subject, other) = await RunEveryOperationAsync(folder);
        using var _ = capture;
        string[] secrets = [Email, Name, Card, OtherEmail, OtherName, "ana.silva", "Silva", "1111", subject.ToString(), other.ToString(), subject.ToString("N"),
            other.ToString("N")];

        var tagTexts = capture.Last.SelectMany(static p => p.Tags.Select(static t => $"{t.Key}={t.Value}"))
            .Concat(capture.Spans(trace).SelectMany(static a => a.TagObjects.Select(static t => $"{t.Key}={t.Value}")
                .Concat(a.Events.SelectMany(static e => e.Tags.Select(static t => $"{t.Key}={t.Value}")))
                .Append(a.DisplayName).Append(a.StatusDescription ?? "")))
            .ToList();

        Assert.NotEmpty(tagTexts);
        foreach (var text in tagTexts)
        {
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
    }
}
