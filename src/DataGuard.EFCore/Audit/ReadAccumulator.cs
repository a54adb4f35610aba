namespace DataGuard.EFCore.Audit;

/// <summary>What one query of one context has materialised so far: rows, entity types, personal properties and subjects
/// (and the keys of rows whose subject is at the end of a subject path).</summary>
internal sealed class ReadAccumulator
{
    public int Rows { get; set; }

    public SortedSet<string> EntityTypes { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Properties { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Subjects { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys of entities reached through a subject path, by type: their subjects are read when the reader closes.</summary>
    public Dictionary<ReadAuditedType, HashSet<object>>? PathKeys { get; set; }
}
