namespace DataGuard.Keys;

/// <summary>
/// Wraps data-encryption keys with a key-encryption key before they reach the <see cref="IKeyStore"/>. The default
/// uses ASP.NET Core Data Protection, so the host's key-ring persistence and protection (file system, database, Azure
/// Key Vault, certificates) carry over; a KMS is another implementation.
/// </summary>
public interface IKeyWrapper
{
    /// <summary>Wraps key material.</summary>
    /// <param name="key">The raw key.</param>
    /// <returns>The wrapped key, safe to store.</returns>
    byte[] Wrap(ReadOnlySpan<byte> key);

    /// <summary>Unwraps key material.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <returns>The raw key; the caller zeroes it after use.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The wrapped key is damaged or the
    /// key-encryption key is not available.</exception>
    byte[] Unwrap(ReadOnlySpan<byte> wrappedKey);
}
