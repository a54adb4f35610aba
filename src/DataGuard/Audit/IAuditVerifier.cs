namespace DataGuard.Audit;

/// <summary>Verifies the tamper-evident audit chain.</summary>
public interface IAuditVerifier
{
    /// <summary>
    /// Recomputes every entry's hash in sequence order, from the start of the chain or from the signed checkpoint older
    /// entries were pruned up to, checks each link and that the chain ends at the recorded head, and compares the
    /// stored checkpoints with the entries they sign.
    /// </summary>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The report: intact, or the first sequence number where the chain breaks.</returns>
    Task<AuditVerificationReport> VerifyAsync(CancellationToken cancellationToken = default);
}
