namespace DataGuard.Keys;

/// <summary>What a key-usage scan found.</summary>
/// <param name="ValuesByKey">Stored encrypted values per ring key id.</param>
/// <param name="BlindIndexValues">Stored blind-index values, all derived from the blind-index key.</param>
internal sealed record KeyUsage(IReadOnlyDictionary<int, long> ValuesByKey, long BlindIndexValues)
{
    public long For(DataKeyRecord key)
        => key.Kind == DataKeyKind.BlindIndex ? BlindIndexValues : ValuesByKey.GetValueOrDefault(key.Id);
}
