using System.Security.Cryptography;
using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>AES-256-GCM through the BCL's <see cref="AesGcm"/>, pooled per key (<see cref="KeyEntry.Ciphers"/>) because
/// creating one costs an OpenSSL context and key schedule.</summary>
internal sealed class BclAesGcmBackend : AesGcmBackend
{
    public static readonly BclAesGcmBackend Instance = new();

    private BclAesGcmBackend()
    {
    }

    public override CipherEngine Engine => CipherEngine.Bcl;

    public override void Encrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertextAndTag,
        ReadOnlySpan<byte> associatedData)
    {
        var aes = key.Ciphers.Rent();
        try
        {
            aes.Encrypt(nonce, plaintext, ciphertextAndTag[..plaintext.Length], ciphertextAndTag.Slice(plaintext.Length, FieldFormat.TagSize), associatedData);
        }
        finally
        {
            key.Ciphers.Return(aes);
        }
    }

    public override bool TryDecrypt(
        KeyEntry key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertextAndTag,
        Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData)
    {
        var length = ciphertextAndTag.Length - FieldFormat.TagSize;
        var aes = key.Ciphers.Rent();
        try
        {
            aes.Decrypt(nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], plaintext[..length], associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            return false;
        }
        finally
        {
            key.Ciphers.Return(aes);
        }
    }
}
