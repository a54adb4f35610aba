namespace DataGuard.Keys;

/// <summary>What <see cref="IKeyManager.ListAsync"/> tells about a key: never its material.</summary>
/// <param name="Id">The key id stored in encrypted values.</param>
/// <param name="Kind">What the key is for.</param>
/// <param name="Status">The key's state.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="StatusChangedAt">When the key stopped encrypting or was retired, if it has.</param>
public sealed record KeyInfo(int Id, DataKeyKind Kind, DataKeyStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? StatusChangedAt)
{
    /// <summary>How many stored values use the key, counted from their headers when the key was listed: encrypted values
    /// for a data key, blind-index values for the blind-index key. <see langword="null"/> when the key store cannot
    /// count (only the EF Core stores can).</summary>
    public long? ValueCount { get; init; }
}
