namespace DataGuard.Audit;

/// <summary>Where the audit chain stands: the sequence of its newest entry (0 when empty) and its latest stored
/// checkpoint, as signed bytes to check with <see cref="AuditCheckpoint.Verify"/>, or <see langword="null"/> when no
/// checkpoint was made.</summary>
internal sealed record AuditChainState(long HeadSequence, long? CheckpointSequence, DateTimeOffset? CheckpointCreatedAt, byte[]? CheckpointSignedData);
