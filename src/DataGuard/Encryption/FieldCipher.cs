using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>AES-256-GCM over the stored format (<see cref="FieldFormat"/>), on the application's backend (libsodium or
/// the BCL: <see cref="FieldCipherEngine"/>). The associated data binds a value to its column (and subject), so a value
/// copied elsewhere fails to decrypt; the header is authenticated too.</summary>
// Every stackalloc buffer here is fully written before it is read; zeroing ~3 KB per call showed in the codec benchmark.
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class FieldCipher
{
    private const int ScratchSize = 256;

    /// <summary>Encrypts into <paramref name="destination"/>, which must hold <see cref="FieldFormat.CiphertextSize"/> bytes.</summary>
    public static int Encrypt(
        AesGcmBackend backend,
        KeyEntry key,
        byte flags,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext,
        Span<byte> destination)
    {
        var size = FieldFormat.CiphertextSize(plaintext.Length);
        var output = destination[..size];
        FieldFormat.WriteHeader(output, flags, key.Id);
        var nonce = output.Slice(FieldFormat.HeaderSize, FieldFormat.NonceSize);
        NonceSource.Fill(nonce);
        var ciphertextAndTag = output[(FieldFormat.HeaderSize + FieldFormat.NonceSize)..];

        Span<byte> scratch = stackalloc byte[ScratchSize];
        var ad = ComposeAssociatedData(output, associatedData, scratch);
        backend.Encrypt(key, nonce, plaintext, ciphertextAndTag, ad);
        return size;
    }

    /// <summary>Decrypts a stored value whose header has been read and whose key has been found.</summary>
    /// <returns><see langword="false"/> when authentication fails (tampered, truncated, or another column's value).</returns>
    public static bool TryDecrypt(
        AesGcmBackend backend,
        KeyEntry key,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> stored,
        Span<byte> destination,
        out int written)
    {
        written = stored.Length - FieldFormat.Overhead;
        if (written < 0 || destination.Length < written)
        {
            written = 0;
            return false;
        }

        var nonce = stored.Slice(FieldFormat.HeaderSize, FieldFormat.NonceSize);
        var ciphertextAndTag = stored[(FieldFormat.HeaderSize + FieldFormat.NonceSize)..];

        Span<byte> scratch = stackalloc byte[ScratchSize];
        var ad = ComposeAssociatedData(stored, associatedData, scratch);
        if (backend.TryDecrypt(key, nonce, ciphertextAndTag, destination[..written], ad))
        {
            return true;
        }

        written = 0;
        return false;
    }

    /// <summary>The authenticated data is the value's header followed by the column's associated data, so the version,
    /// flags and key id cannot be changed without detection.</summary>
    private static ReadOnlySpan<byte> ComposeAssociatedData(ReadOnlySpan<byte> value, ReadOnlySpan<byte> associatedData, Span<byte> scratch)
    {
        var length = FieldFormat.HeaderSize + associatedData.Length;
        var ad = length <= scratch.Length ? scratch[..length] : new byte[length];
        value[..FieldFormat.HeaderSize].CopyTo(ad);
        associatedData.CopyTo(ad[FieldFormat.HeaderSize..]);
        return ad;
    }
}
