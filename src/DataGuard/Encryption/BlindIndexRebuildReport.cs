namespace DataGuard.Encryption;

/// <summary>What a blind-index rebuild did.</summary>
/// <param name="RowsByEntity">Rows whose indexes were recomputed, per entity.</param>
/// <param name="SkippedEntities">Entities left alone because another instance holds their rebuild lease.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record BlindIndexRebuildReport(IReadOnlyDictionary<string, long> RowsByEntity, IReadOnlyList<string> SkippedEntities, TimeSpan Elapsed)
{
    /// <summary>Rows rebuilt in all entities.</summary>
    public long TotalRows => RowsByEntity.Values.Sum();
}
