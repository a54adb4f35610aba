namespace DataGuard.Keys;

/// <summary>Counts the stored values that name each ring key, from the values' headers (no decryption). The EF Core
/// stores provide it; without one, keys cannot be retired or destroyed, because nothing could prove them unused.</summary>
internal interface IKeyUsageCounter
{
    /// <summary>Scans every encrypted column of the store's model, a batch of rows at a time.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The count per ring key id, and how many blind-index values exist (they are derived from the blind-index key).</returns>
    Task<KeyUsage> CountAsync(CancellationToken cancellationToken);
}
