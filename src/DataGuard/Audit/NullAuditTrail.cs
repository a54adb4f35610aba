namespace DataGuard.Audit;

/// <summary>The trail registered while auditing is not configured: events are discarded.</summary>
internal sealed class NullAuditTrail : IAuditTrail
{
    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return ValueTask.CompletedTask;
    }
}
