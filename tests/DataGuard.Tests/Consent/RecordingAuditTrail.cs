using System.Collections.Concurrent;
using DataGuard.Audit;

namespace DataGuard.Tests.Consent;

internal sealed class RecordingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
