using System.Text.Json;
using DataGuard.Audit;
using DataGuard.EFCore.Tests.Diagnostics;
using DataGuard.EFCore.Forwarding;
using DataGuard.Forwarding;
using DataGuard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace DataGuard.EFCore.Tests.Forwarding;

public sealed class ForwarderTests
{
    private static async Task AppendAsync(OpsHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await host.Get<IAuditTrail>().RecordAsync(new AuditEvent("test.event") { EntityType = "Customer", Properties = ["Email"] });
        }
    }

    /// <summary>Steps the single forwarder until it waits for new entries.</summary>
    private static async Task DrainAsync(OpsHost host, int maxSteps = 50)
    {
        var engine = host.Get<AuditForwardingService>().Engines.Single();
        for (var i = 0; i < maxSteps; i++)
        {
            var delay = await engine.RunOnceAsync(CancellationToken.None);
            if (delay == host.Get<Microsoft.Extensions.Options.IOptions<DataGuardOptions>>().Value.Operations.Forwarding.PollInterval && engine.Lag == 0)
            {
                return;
            }

            host.Clock.Advance(delay);
        }
    }

    [Fact]
    public async Task Json_lines_start_a_new_file_when_one_would_pass_its_size_and_every_entry_is_one_line()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "audit-out");
        await using var host = await OpsHost.SqliteAsync(folder, o => o.Operations.Forwarding.BatchSize = 4, b => b.ForwardAuditToJsonLines(o =>
        {
            o.Directory = output;
            o.MaxFileBytes = 2048;
        }));
        await AppendAsync(host, 20);

        await DrainAsync(host);

        var files = Directory.GetFiles(output, "audit-*.jsonl").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 3, $"{files.Count} files");
        Assert.All(files, static f => Assert.True(new FileInfo(f).Length <= 2048));
        var sequences = files.SelectMany(File.ReadAllLines).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(Enumerable.Range(1, 20).Select(static i => (long)i), sequences);
    }

    [Fact]
    public async Task Logger_events_carry_every_field_as_a_structured_property()
    {
        using var folder = new TempDirectory();
        var logs = new FakeLogCollector();
        await using var host = await OpsHost.SqliteAsync(folder, dataGuard: static b => b.ForwardAuditToLogger(),
            register: s => s.AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs))));
        await AppendAsync(host, 3);

        await DrainAsync(host);

        var events = logs.GetSnapshot().Where(static r => r.Id.Id == 1500).ToList();
        Assert.Equal(3, events.Count);
        var first = events[0].StructuredState!.ToDictionary(static p => p.Key, static p => p.Value);
        Assert.Equal(("1", "test.event", "Customer", "Email"),
            (first["AuditSequence"], first["AuditAction"], first["AuditEntityType"], first["AuditProperties"]));
        Assert.Matches("^1-[0-9a-f]{16}$", first["AuditIdempotencyKey"]);
    }

    [Fact]
    public async Task An_entry_the_destination_refuses_for_good_becomes_a_dead_letter_and_the_others_are_delivered()
    {
        using var folder = new TempDirectory();
        var refusing = new RefusingForwarder(refuse: 3);
        await using var host = await OpsHost.SqliteAsync(folder, o => o.Operations.Forwarding.MaxRejections = 2, b => b.ForwardAuditTo(_ => refusing));
        await AppendAsync(host, 6);

        await DrainAsync(host);

        Assert.Equal([1, 2, 4, 5, 6], refusing.Delivered);
        Assert.Equal((6L, 1L), await host.Get<AuditForwardingService>().Engines.Single().CursorAsync(CancellationToken.None));
    }

    [Fact]
    public void A_webhook_must_be_https_unless_loopback_is_allowed_and_needs_a_long_secret()
    {
        var services = new ServiceCollection();
        var builder = services.AddDataGuard().UseEntityFrameworkStores<DataGuard.EFCore.Tests.TestModel.ShopContext>();
        var secret = new string('s', 32);

        Assert.Throws<ArgumentException>(() => builder.ForwardAuditToWebhook(o => { o.Endpoint = new Uri(
            "http://siem.example.com/audit"); o.Secret = secret; o.AllowInsecureLoopback = true; }));
        Assert.Throws<ArgumentException>(() => builder.ForwardAuditToWebhook(o => { o.Endpoint = new Uri("http://127.0.0.1:8080/audit"); o.Secret = secret; }));
        Assert.Throws<ArgumentException>(() => builder.ForwardAuditToWebhook(o => { o.Endpoint = new Uri(
            "https://siem.example.com/audit"); o.Secret = "short"; }));
        builder.ForwardAuditToWebhook(o => { o.Endpoint = new Uri("https://siem.example.com/audit"); o.Secret = secret; });
    }

    private sealed class RefusingForwarder(long refuse) : IAuditForwarder
    {
        public string Name => "refusing";

        public List<long> Delivered { get; } = [];

        public Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
        {
            if (entries.Any(e => e.Sequence == refuse))
            {
                throw new AuditForwardRejectedException("no");
            }

            Delivered.AddRange(entries.Select(static e => e.Sequence));
            return Task.CompletedTask;
        }
    }
}
