using DataGuard.Audit;
using DataGuard.Consent;

namespace DataGuard.Tests.Audit;

public sealed class AuditContextTests
{
    [Fact]
    public void A_scope_sets_the_context_and_disposing_it_restores_the_enclosing_one()
    {
        var context = new AuditContext();
        using (context.Begin("job", "retention", "corr-1"))
        {
            using (context.Begin("nested"))
            {
                Assert.Equal(("nested", "retention", "corr-1"), (context.Actor, context.Purpose, context.CorrelationId));
            }

            Assert.Equal(("job", "retention", "corr-1"), (context.Actor, context.Purpose, context.CorrelationId));
        }

        Assert.Null(context.Actor);
        Assert.Null(context.Purpose);
    }

    [Fact]
    public async Task Concurrent_flows_see_their_own_actor()
    {
        var context = new AuditContext();
        var barrier = new Barrier(2);
        async Task<string?> Flow(string actor)
        {
            await Task.Yield();
            using (context.Begin(actor))
            {
                barrier.SignalAndWait(TimeSpan.FromSeconds(10));
                await Task.Yield();
                return context.Actor;
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Flow("a")), Task.Run(() => Flow("b")));
        Assert.Equal(new string?[] { "a", "b" }, results);
    }

    [Fact]
    public void The_correlation_id_defaults_to_the_current_trace_id()
    {
        using var activity = new System.Diagnostics.Activity("test").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        var context = new AuditContext();
        using (context.Begin("user"))
        {
            Assert.Equal(activity.TraceId.ToHexString(), context.CorrelationId);
        }
    }
}
