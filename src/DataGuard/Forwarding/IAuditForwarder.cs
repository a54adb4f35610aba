using DataGuard.Audit;

namespace DataGuard.Forwarding;

/// <summary>
/// A destination the audit trail is streamed to (a SIEM, a log pipeline, a file). DataGuard hands it entries in chain
/// order, at least once: after a failure, a crash, or when another instance takes the destination over, entries may come
/// again, so the destination deduplicates by <see cref="AuditForwarding.IdempotencyKey"/>. One instance at a time
/// forwards to a destination of a given <see cref="Name"/>.
/// </summary>
public interface IAuditForwarder
{
    /// <summary>The destination's name, unique in the application: it names the persisted cursor and the lease. 1 to 100
    /// letters, digits, '.', '-' or '_'.</summary>
    string Name { get; }

    /// <summary>Delivers entries, in order. Returns once the destination has them; throws when it does not.</summary>
    /// <param name="entries">The entries, consecutive in chain order.</param>
    /// <param name="cancellationToken">Cancelled when the send times out or the host stops.</param>
    /// <returns>A task that completes when the destination has the entries.</returns>
    /// <exception cref="AuditForwardRejectedException">The destination refuses these entries for good; retrying will
    /// not help (DataGuard retries the entries one by one, then counts a dead letter).</exception>
    /// <remarks>Any other exception is a transient failure: the same entries are sent again after a backoff.</remarks>
    Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);
}
