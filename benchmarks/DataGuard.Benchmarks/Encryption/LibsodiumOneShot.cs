using System.Runtime.InteropServices;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// libsodium's one-shot AES-256-GCM calls with the raw key, which expand the key on every call: what DataGuard's
/// libsodium backend did before it kept each key expanded (<see cref="CodecInterleaved"/> compares the two).
/// </summary>
internal static unsafe partial class LibsodiumOneShot
{
    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData)
    {
        ulong written;
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        fixed (byte* k = key)
        {
            _ = crypto_aead_aes256gcm_encrypt(c, &written, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k);
        }
    }

    public static bool TryDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ulong written;
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertextAndTag)
        fixed (byte* ad = associatedData)
        fixed (byte* npub = nonce)
        fixed (byte* k = key)
        {
            return crypto_aead_aes256gcm_decrypt(m, &written, null, c, (ulong)ciphertextAndTag.Length, ad, (ulong)associatedData.Length, npub, k) == 0;
        }
    }

    [LibraryImport("libsodium")]
    private static partial int crypto_aead_aes256gcm_encrypt(byte* c, ulong* clen_p, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    [LibraryImport("libsodium")]
    private static partial int crypto_aead_aes256gcm_decrypt(byte* m, ulong* mlen_p, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);
}
