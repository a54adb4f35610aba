namespace DataGuard.Encryption;

/// <summary>What a re-encryption run did.</summary>
/// <param name="ActiveKeyId">The key values were moved to.</param>
/// <param name="RowsByEntity">Rows re-encrypted per entity.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record ReencryptionReport(int ActiveKeyId, IReadOnlyDictionary<string, long> RowsByEntity, TimeSpan Elapsed)
{
    /// <summary>Rows re-encrypted in all entities.</summary>
    public long TotalRows => RowsByEntity.Values.Sum();

    /// <summary>How many values could not be decrypted (damaged, or their key is missing): their rows were left as
    /// they are and the run went on. Each is logged and, up to the first thousand, listed in <see cref="SkippedValues"/>.</summary>
    public long SkippedCount { get; init; }

    /// <summary>The values that could not be decrypted: entity, property, key id and row key, never the value.</summary>
    public IReadOnlyList<ReencryptionSkippedValue> SkippedValues { get; init; } = [];

    /// <summary>Rows the application kept changing while the job tried to move them (each write lost to a newer one,
    /// pass after pass); the next run moves them. Normally 0.</summary>
    public long ConflictsLeft { get; init; }
}
