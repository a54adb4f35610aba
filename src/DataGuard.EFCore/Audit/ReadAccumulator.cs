namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>What one query of one context has materialised so far: rows, entity types, personal properties and subjects.</summary>
internal sealed class ReadAccumulator
{
    public int Rows { get; set; }

    public SortedSet<string> EntityTypes { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Properties { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Subjects { get; } = new(StringComparer.Ordinal);
}
