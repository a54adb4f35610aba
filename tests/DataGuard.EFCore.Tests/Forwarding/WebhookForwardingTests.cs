using Microsoft.Extensions.DependencyInjection;
using DataGuard.Testing;
using static DataGuard.EFCore.Tests.Forwarding.WebhookReceiver.Behavior;

namespace DataGuard.EFCore.Tests.Forwarding;

public sealed class WebhookForwardingTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-test-secret";

    [Fact]
    public async Task Two_instances_deliver_every_entry_once_by_key_in_chain_order_through_failures_stalls_and_restarts()
    {
        using var folder = new TempDirectory();
        await using var receiver = new WebhookReceiver(Secret,
            [Accept, Fail, Accept, Stall, Accept, CrashAfterReading, Accept, Fail, Fail, Accept, CrashAfterReading, Stall, Accept, Fail, Accept,
                CrashAfterReading]);

        var outcome = await ForwardingScenario.RunAsync(folder, receiver, b => b.ForwardAuditToWebhook(o =>
        {
            o.Endpoint = receiver.Endpoint;
            o.Secret = Secret;
            o.AllowInsecureLoopback = true;
        }));

        ForwardingScenario.AssertDelivered(receiver.Received, outcome);
        Assert.Equal(0, receiver.BadSignatures);
    }
}
