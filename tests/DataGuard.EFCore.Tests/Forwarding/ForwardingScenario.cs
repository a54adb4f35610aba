using DataGuard.Audit;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Forwarding;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Tests.Diagnostics;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>
/// Two application instances forward the audit chain to one misbehaving receiver, stepped deterministically on a fake
/// clock: the chain grows while they forward, the instance holding the destination dies for a while (the other takes
/// the destination over when the lease expires) and comes back. Ends when the receiver has every entry.
/// </summary>
internal static class ForwardingScenario
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    public static void Configure(DataGuardOptions o)
    {
        var forwarding = o.Operations.Forwarding;
        forwarding.BatchSize = 7;
        forwarding.SendTimeout = SendTimeout;
        forwarding.LeaseDuration = TimeSpan.FromSeconds(20);
        forwarding.PollInterval = TimeSpan.FromSeconds(1);
        forwarding.RetryBaseDelay = TimeSpan.FromSeconds(1);
        forwarding.RetryMaxDelay = TimeSpan.FromSeconds(8);
    }

    public sealed record Outcome(long HeadSequence, byte[] HeadHash, long Cursor, long DeadLetters, int Holders);

    public static async Task<Outcome> RunAsync(TempDirectory folder, IScheduledReceiver receiver, Action<IDataGuardBuilder> forward)
    {
        var clock = new FakeTimeProvider(OpsHost.Start);
        var dataProtection = new EphemeralDataProtectionProvider();
        await using var a = await OpsHost.SqliteAsync(folder, Configure, forward, clock: clock, dataProtection: dataProtection);
        await using var b = await OpsHost.SqliteAsync(folder, Configure, forward, clock: clock, dataProtection: dataProtection, create: false);
        await AppendAsync(a, 30);
        var engineA = a.Get<AuditForwardingService>().Engines.Single();
        var engineB = b.Get<AuditForwardingService>().Engines.Single();
        var holders = new HashSet<string>(StringComparer.Ordinal);
        const int appendUntil = 40, killedFrom = 12, killedTo = 18;
        AuditForwardingEngine? dead = null;

        for (var step = 0; step < 600; step++)
        {
            if (step < appendUntil && step % 4 == 0)
            {
                await AppendAsync(step % 8 == 0 ? a : b, 3); // the chain grows while it is forwarded
            }

            if (step == killedFrom)
            {
                var holder = (await LeaseHoldersAsync(a)).Single();
                dead = engineA.Holder == holder ? engineA : engineB;
                clock.Advance(TimeSpan.FromSeconds(21)); // the holder is dead: its lease expires
            }
            else if (step == killedTo)
            {
                dead = null; // and comes back
            }

            var steps = new[] { engineA, engineB }.Where(e => e != dead).Select(static e => e.RunOnceAsync(CancellationToken.None)).ToList();

            var all = Task.WhenAll(steps);
            while (!all.IsCompleted)
            {
                if (await Task.WhenAny(all, receiver.Stalled) != all)
                {
                    clock.Advance(SendTimeout); // the sender gives up on the stalled receiver
                    await all;
                    receiver.ReleaseStall();
                }
            }

            var delays = await all;
            holders.UnionWith(await LeaseHoldersAsync(a));
            if (receiver.IsDown)
            {
                receiver.Start(); // the receiver restarts after a step's downtime
            }

            var head = await HeadAsync(a);
            if (step >= appendUntil && receiver.Received.Has(head.Sequence))
            {
                var (cursor, deadLetters) = await engineB.CursorAsync(CancellationToken.None);
                return new Outcome(head.Sequence, head.Hash, cursor, deadLetters, holders.Count);
            }

            var wait = delays.Max();
            clock.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100));
        }

        throw new Xunit.Sdk.XunitException($"The receiver did not get every entry: " +
            $"{receiver.Received.Unique.Count} unique of {(await HeadAsync(a)).Sequence}; " +
            $"missing {string.Join(",", Enumerable.Range(1, (int)(await HeadAsync(a)).Sequence).Select(static i => (long)i)
                .Except(receiver.Received.Unique.Select(static e => e.Sequence)))}; " +
            $"receiver: {receiver.Describe()}");
    }

    /// <summary>Checks what the receiver ended with: every entry once by key, in chain order, and a chain that verifies.</summary>
    public static void AssertDelivered(ReceivedEntries received, Outcome outcome)
    {
        var unique = received.Unique;
        Assert.Equal(Enumerable.Range(1, (int)outcome.HeadSequence).Select(static i => (long)i), unique.Select(static e => e.Sequence));
        var verifier = new AuditChainVerifier();
        foreach (var entry in unique)
        {
            Assert.True(verifier.Add(entry), verifier.Failure?.ToString());
        }

        var report = verifier.Complete(outcome.HeadSequence, outcome.HeadHash);
        Assert.True(report.IsIntact, report.ToString());
        Assert.True(received.Duplicates > 0, "the schedule should have made the senders repeat entries");
        Assert.Equal((outcome.HeadSequence, 0L), (outcome.Cursor, outcome.DeadLetters));
        Assert.Equal(2, outcome.Holders); // both instances forwarded
    }

    private static async Task AppendAsync(OpsHost host, int count)
    {
        var trail = host.Get<IAuditTrail>();
        for (var i = 0; i < count; i++)
        {
            await trail.RecordAsync(new AuditEvent("test.event") { EntityType = "Customer",
                EntityKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Properties = ["Email", "Name"], Details = "forwarding test" });
        }
    }

    private static async Task<AuditHeadRecord> HeadAsync(OpsHost host)
    {
        await using var db = host.NewContext();
        return await db.Set<AuditHeadRecord>().AsNoTracking().SingleAsync();
    }

    private static async Task<List<string>> LeaseHoldersAsync(OpsHost host)
    {
        await using var db = host.NewContext();
        return await db.Set<LeaseRecord>().AsNoTracking().Where(static l => l.Name.StartsWith("audit-forward:")).Select(static l => l.Holder).ToListAsync();
    }
}
