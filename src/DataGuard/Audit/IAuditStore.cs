namespace DataGuard.Audit;

/// <summary>Reads the audit trail and maintains it: queries, signed checkpoints and pruning behind a checkpoint.</summary>
public interface IAuditStore
{
    /// <summary>Finds entries by subject, actor, action, entity and time range, one page at a time.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1 to <see cref="AuditQuery.MaxPageSize"/>.</exception>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Signs the current head of the chain with <see cref="AuditOptions.CheckpointCertificate"/> and stores
    /// the checkpoint.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint; keep <see cref="AuditCheckpoint.SignedData"/> somewhere the database's administrators
    /// cannot rewrite, too.</returns>
    /// <exception cref="InvalidOperationException">No certificate with a private key is configured.</exception>
    Task<AuditCheckpoint> CreateCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries a stored checkpoint covers (audit retention); the remaining chain verifies from it.</summary>
    /// <param name="checkpoint">A checkpoint created by <see cref="CreateCheckpointAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of entries deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is null.</exception>
    /// <exception cref="DataGuardAuditException">The checkpoint is not stored or does not match the chain.</exception>
    Task<int> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default);
}
