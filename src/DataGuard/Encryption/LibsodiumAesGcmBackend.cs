using System.Security.Cryptography;
using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>
/// AES-256-GCM through libsodium with each key expanded once (<see cref="KeyEntry.LibsodiumState"/>, a pinned buffer
/// zeroed with the key entry): the one-shot raw-key calls expanded the key on every call, about half the cost of a
/// short value. No native copy of the key exists outside that buffer.
/// </summary>
internal sealed unsafe class LibsodiumAesGcmBackend : AesGcmBackend
{
    public static readonly LibsodiumAesGcmBackend Instance = new();

    private LibsodiumAesGcmBackend()
    {
    }

    public override CipherEngine Engine => CipherEngine.Libsodium;

    public override void Encrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertextAndTag,
        ReadOnlySpan<byte> associatedData)
    {
        if (nonce.Length != Libsodium.NonceBytes || ciphertextAndTag.Length < plaintext.Length + Libsodium.TagBytes)
        {
            throw new ArgumentException("AES-256-GCM needs a 12-byte nonce and room for the ciphertext and its 16-byte tag.");
        }

        var state = key.LibsodiumStatePointer;
        ulong written;
        int result;
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        {
            result = Libsodium.crypto_aead_aes256gcm_encrypt_afternm(
                c, &written, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, state);
        }

        if (result != 0)
        {
            // Only for messages over libsodium's limit (about 64 GiB), which a field never reaches.
            throw new CryptographicException("libsodium's AES-256-GCM refused to encrypt.");
        }
    }

    public override bool TryDecrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertextAndTag,
        Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData)
    {
        var length = ciphertextAndTag.Length - Libsodium.TagBytes;
        if (nonce.Length != Libsodium.NonceBytes || length < 0 || plaintext.Length < length)
        {
            throw new ArgumentException("AES-256-GCM needs a 12-byte nonce, a 16-byte tag and room for the plaintext.");
        }

        var state = key.LibsodiumStatePointer;
        ulong written;
        int result;
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        {
            result = Libsodium.crypto_aead_aes256gcm_decrypt_afternm(
                m, &written, null, c, (ulong)ciphertextAndTag.Length, ad, (ulong)associatedData.Length, npub, state);
        }

        if (result != 0)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            return false;
        }

        return true;
    }
}
