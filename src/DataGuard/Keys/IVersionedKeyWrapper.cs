namespace DataGuard.Keys;

/// <summary>A key wrapper that can tell whether a wrapped key is under its current key-encryption key (Data
/// Protection: whether the payload names the ring's default key; PKCS#11 or a KMS: whether it names the current key
/// label or version), so that <see cref="IKeyManager.RewrapAsync"/> can re-wrap keys before the old key-encryption key
/// is deleted.</summary>
public interface IVersionedKeyWrapper : IKeyWrapper
{
    /// <summary>Unwraps, and says whether the wrapped key should be wrapped again under the current key-encryption key.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="needsRewrap">Whether the key was wrapped by an older key-encryption key that is still readable.</param>
    /// <returns>The raw key; the caller zeroes it after use.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key cannot be unwrapped.</exception>
    byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, out bool needsRewrap);
}
