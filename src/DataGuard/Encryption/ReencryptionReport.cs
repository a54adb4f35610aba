namespace DataGuard.Encryption;

/// <summary>What a re-encryption run did.</summary>
/// <param name="ActiveKeyId">The key values were moved to.</param>
/// <param name="RowsByEntity">Rows re-encrypted per entity.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record ReencryptionReport(int ActiveKeyId, IReadOnlyDictionary<string, long> RowsByEntity, TimeSpan Elapsed)
{
    /// <summary>Rows re-encrypted in all entities.</summary>
    public long TotalRows => RowsByEntity.Values.Sum();
}
