using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>
/// One implementation of AES-256-GCM with a 96-bit nonce and a 128-bit tag. The stored format keeps the ciphertext
/// and its tag next to each other, so both directions take them as one span (<c>ciphertext || tag</c>).
/// </summary>
internal abstract class AesGcmBackend
{
    /// <summary>The engine this is, for logs and tests.</summary>
    public abstract CipherEngine Engine { get; }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertextAndTag"/> (plaintext length + 16 bytes).</summary>
    public abstract void Encrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertextAndTag,
        ReadOnlySpan<byte> associatedData);

    /// <summary>Decrypts into <paramref name="plaintext"/> (exactly <paramref name="ciphertextAndTag"/> length − 16 bytes).</summary>
    /// <returns><see langword="false"/>, with <paramref name="plaintext"/> zeroed, when the tag does not verify.</returns>
    public abstract bool TryDecrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertextAndTag,
        Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData);

    /// <summary>The backend for <paramref name="engine"/>; <see cref="CipherEngine.Auto"/> picks libsodium when it is
    /// available.</summary>
    /// <exception cref="DataGuardCryptoException">libsodium was asked for and is not available here, or the value is not
    /// a <see cref="CipherEngine"/>.</exception>
    public static AesGcmBackend For(CipherEngine engine) => engine switch
    {
        CipherEngine.Bcl => BclAesGcmBackend.Instance,
        CipherEngine.Libsodium => Libsodium.IsAvailable ? LibsodiumAesGcmBackend.Instance
            : throw new DataGuardCryptoException($"Encryption.Engine is Libsodium, but {Libsodium.Unavailable}. Use CipherEngine.Auto to fall back to the " +
                "BCL's AesGcm."),
        CipherEngine.Auto => Libsodium.IsAvailable ? LibsodiumAesGcmBackend.Instance : BclAesGcmBackend.Instance,
        _ => throw new DataGuardCryptoException($"Encryption.Engine is {(int)engine}, which is not a CipherEngine value."),
    };
}
