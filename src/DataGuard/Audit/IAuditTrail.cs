namespace DataGuard.Audit;

/// <summary>
/// Appends events to DataGuard's audit trail. DataGuard's own operations (consent, keys, retention, exports, erasure)
/// call it, and applications may record their own events. Until auditing is configured, the registered trail
/// discards events.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends an event; the trail adds time, actor and correlation id.</summary>
    /// <param name="auditEvent">The event, without personal values.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>A task that completes when the event is recorded.</returns>
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
