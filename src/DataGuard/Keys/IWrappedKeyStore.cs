namespace DataGuard.Keys;

/// <summary>What re-wrapping needs from a key store beyond <see cref="IKeyStore"/>: a replacement of the wrapped key that
/// happens only if the stored one is still the one read (a subject shredded meanwhile stays shredded), and the highest key
/// id, to walk the subject keys in windows. Both built-in stores implement it.</summary>
internal interface IWrappedKeyStore
{
    /// <summary>Replaces a key's wrapped material if it still equals <paramref name="expected"/>.</summary>
    /// <returns>Whether it was replaced.</returns>
    Task<bool> ReplaceWrappedKeyAsync(int keyId, byte[] expected, byte[] replacement, CancellationToken cancellationToken);

    /// <summary>The highest key id in the store (ring and subject keys), 0 when it is empty.</summary>
    Task<int> GetLastKeyIdAsync(CancellationToken cancellationToken);
}
