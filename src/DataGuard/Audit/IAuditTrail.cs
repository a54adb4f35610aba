namespace DataGuard.Audit;

/// <summary>
/// Appends events to DataGuard's audit trail. DataGuard's own operations (consent, keys, retention, exports, erasure)
/// call it, and applications may record their own events. Until auditing is configured, the registered trail
/// discards events.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends an event; the trail adds time, actor and correlation id. With <c>AddAuditing()</c>, an event
    /// recorded while the current audit scope (a request under <c>UseDataGuard()</c>, or an
    /// <see cref="IAuditContext.Begin"/> block) has a transaction open on the store context is appended inside that
    /// transaction; otherwise in a transaction of its own.</summary>
    /// <param name="auditEvent">The event, without personal values.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>A task that completes when the event is recorded.</returns>
    /// <exception cref="DataGuardAuditException">The store could not record the event, for example because a lock wait
    /// timed out; the message says how to record inside the caller's own transaction.</exception>
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
