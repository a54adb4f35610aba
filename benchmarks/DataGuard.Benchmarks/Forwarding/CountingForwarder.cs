using DataGuard.Audit;
using DataGuard.Forwarding;

namespace DataGuard.Benchmarks.Forwarding;

/// <summary>A destination that only counts what it receives: the throughput measured is DataGuard's (cursor, lease,
/// reading and mapping the chain), not a receiver's.</summary>
internal sealed class CountingForwarder : IAuditForwarder
{
    private long _received;

    public string Name => "counting";

    public long Received => Interlocked.Read(ref _received);

    public Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _received, entries.Count);
        return Task.CompletedTask;
    }
}
