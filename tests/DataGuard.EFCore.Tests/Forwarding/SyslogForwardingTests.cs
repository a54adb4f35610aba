using Microsoft.Extensions.DependencyInjection;
using DataGuard.Testing;
using static DataGuard.EFCore.Tests.Forwarding.SyslogReceiver.Behavior;

namespace DataGuard.EFCore.Tests.Forwarding;

public sealed class SyslogForwardingTests
{
    [Fact]
    public async Task Two_instances_deliver_every_entry_once_by_key_in_chain_order_through_resets_stalls_and_restarts()
    {
        using var folder = new TempDirectory();
        await using var receiver = new SyslogReceiver([Accept, ResetHalfway, Accept, Stall, Accept, GoDown, Accept, ResetHalfway, Accept, Stall, GoDown, Accept,
            ResetHalfway]);

        var outcome = await ForwardingScenario.RunAsync(folder, receiver, b => b.ForwardAuditToSyslog(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = receiver.Port;
            o.UseTls = false;
        }));

        ForwardingScenario.AssertDelivered(receiver.Received, outcome);
        Assert.All(receiver.Headers,
            static h
                => Assert.Matches(
                    @"^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z \S+ dataguard \d+ test\.event \[dataguard@32473 seq=""\d+"" key=""\d+-[0-9a-f]{16}""\] $",
                        h));
    }
}
