namespace DataGuard.EFCore.Audit;

/// <summary>The values of a composite key, compared by value, as a dictionary key of subject path lookups.</summary>
internal sealed class CompositeKey(object[] values) : IEquatable<CompositeKey>
{
    public object[] Values { get; } = values;

    public bool Equals(CompositeKey? other) => other is not null && Values.SequenceEqual(other.Values);

    public override bool Equals(object? obj) => Equals(obj as CompositeKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
