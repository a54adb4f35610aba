namespace DataGuard.Encryption;

/// <summary>
/// An encrypted value could not be decrypted or encrypted: tampered, truncated, of an unknown format version, moved
/// from another column or subject, or its key is missing or retired. The message names the entity, property and key
/// id; it never contains the value or key material.
/// </summary>
public sealed class DataGuardCryptoException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, without personal data or key material.</param>
    /// <param name="entity">The entity whose value failed, if known.</param>
    /// <param name="property">The property whose value failed, if known.</param>
    /// <param name="keyId">The key id the value names, if it could be read.</param>
    /// <param name="innerException">The cause.</param>
    public DataGuardCryptoException(string message, string? entity = null, string? property = null, int? keyId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Entity = entity;
        Property = property;
        KeyId = keyId;
    }

    /// <summary>The entity whose value failed, if known.</summary>
    public string? Entity { get; }

    /// <summary>The property whose value failed, if known.</summary>
    public string? Property { get; }

    /// <summary>The key id the value names, if it could be read.</summary>
    public int? KeyId { get; }
}
