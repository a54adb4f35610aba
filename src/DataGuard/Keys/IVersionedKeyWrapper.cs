namespace DataGuard.Keys;

/// <summary>A key wrapper that can tell whether a wrapped key is under its current key-encryption key (Data
/// Protection: whether the payload names the ring's default key), so that keys can be re-wrapped before the old
/// key-encryption key is deleted.</summary>
internal interface IVersionedKeyWrapper
{
    /// <summary>Unwraps, and says whether the wrapped key should be wrapped again under the current key-encryption key.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key cannot be unwrapped.</exception>
    byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, out bool needsRewrap);
}
