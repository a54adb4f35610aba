using DataGuard.Keys;

namespace DataGuard.Pkcs11;

/// <summary>
/// A PKCS#11 key wrapper could not do its work: the library or token cannot be reached, the PIN is refused, or the
/// key-encryption key is missing (deleted or revoked), ambiguous or not usable for wrapping. The message names the
/// token, the key label and the tenant; never the PIN or key material. <see cref="Pkcs11KeyWrapper.Unwrap(ReadOnlySpan{byte})"/>
/// keeps the <see cref="DataGuard.Keys.IKeyWrapper"/> contract and throws a
/// <see cref="System.Security.Cryptography.CryptographicException"/> with this exception as its inner exception.
/// </summary>
public sealed class Pkcs11KeyWrapperException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, without the PIN or key material.</param>
    /// <param name="tokenLabel">The token's label (or slot), if known.</param>
    /// <param name="keyLabel">The key-encryption key's label, if the failure concerns one.</param>
    /// <param name="tenant">The tenant the wrapper serves, if configured.</param>
    /// <param name="innerException">The cause, typically the library's error code.</param>
    public Pkcs11KeyWrapperException(
        string message,
        string? tokenLabel = null,
        string? keyLabel = null,
        string? tenant = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        TokenLabel = tokenLabel;
        KeyLabel = keyLabel;
        Tenant = tenant;
    }

    /// <summary>The token's label (or <c>slot N</c>), if known.</summary>
    public string? TokenLabel { get; }

    /// <summary>The label of the key-encryption key concerned, if any.</summary>
    public string? KeyLabel { get; }

    /// <summary>The tenant the wrapper serves, if configured.</summary>
    public string? Tenant { get; }
}
