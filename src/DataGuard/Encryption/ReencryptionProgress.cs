namespace DataGuard.Encryption;

/// <summary>Progress of a re-encryption run, reported after each committed batch.</summary>
/// <param name="Entity">The entity being re-encrypted.</param>
/// <param name="RowsDone">Rows of that entity re-encrypted so far in this run.</param>
/// <param name="ActiveKeyId">The key values are moved to.</param>
public sealed record ReencryptionProgress(string Entity, long RowsDone, int ActiveKeyId);
