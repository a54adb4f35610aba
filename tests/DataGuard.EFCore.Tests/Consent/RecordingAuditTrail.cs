using System.Collections.Concurrent;
using DataGuard.Audit;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class RecordingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
