using System.Security.Cryptography;
using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>
/// AES-256-GCM through libsodium's one-shot calls with the raw key (<see cref="KeyEntry.Material"/>, a pinned buffer
/// zeroed when the key is dropped). libsodium expands the key on each call, which on AES-NI costs less than the
/// BCL's per-call OpenSSL set-up; no cipher object and no native key copy outlive the call.
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
        var material = key.Material;
        if (material.Length != Libsodium.KeyBytes || nonce.Length != Libsodium.NonceBytes || ciphertextAndTag.Length < plaintext.Length + Libsodium.TagBytes)
        {
            throw new ArgumentException("AES-256-GCM needs a 32-byte key, a 12-byte nonce and room for the ciphertext and its 16-byte tag.");
        }

        ulong written;
        int result;
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        fixed (byte* k = material)
        {
            result = Libsodium.crypto_aead_aes256gcm_encrypt(c, &written, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k);
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
        var material = key.Material;
        var length = ciphertextAndTag.Length - Libsodium.TagBytes;
        if (material.Length != Libsodium.KeyBytes || nonce.Length != Libsodium.NonceBytes || length < 0 || plaintext.Length < length)
        {
            throw new ArgumentException("AES-256-GCM needs a 32-byte key, a 12-byte nonce, a 16-byte tag and room for the plaintext.");
        }

        ulong written;
        int result;
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        fixed (byte* k = material)
        {
            result = Libsodium.crypto_aead_aes256gcm_decrypt(m, &written, null, c, (ulong)ciphertextAndTag.Length, ad, (ulong)associatedData.Length, npub, k);
        }

        if (result != 0)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            return false;
        }

        return true;
    }
}
