namespace DataGuard.Audit;

/// <summary>Reads where the audit chain stands without verifying it: its head and its latest signed checkpoint, for a
/// status display. Implemented by the EF Core audit store; two indexed single-row reads, whatever the chain's length.</summary>
internal interface IAuditChainStatusReader
{
    /// <summary>The chain's head sequence and its latest stored checkpoint.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state as stored; the checkpoint's signature is not checked here.</returns>
    Task<AuditChainState> ReadChainStateAsync(CancellationToken cancellationToken);
}
