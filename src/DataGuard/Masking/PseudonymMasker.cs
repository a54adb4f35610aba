using System.Buffers.Text;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>
/// <see cref="MaskStyle.Pseudonym"/>: <c>{keyId}:{hash}</c>, where hash is the base64url HMAC-SHA256 of the value under
/// the current pseudonym key, truncated to <c>length</c> characters. Equal values give equal pseudonyms under one key,
/// so records can be correlated without being revealed; a new key id shows a rotation.
/// </summary>
internal sealed class PseudonymMasker(IPseudonymKeyProvider keys, int length) : IMasker
{
    /// <summary>Base64url of the 32-byte HMAC-SHA256, unpadded.</summary>
    public const int MaxLength = 43;

    public int Length { get; } = length;

    public int GetMaskedLength(ReadOnlySpan<char> value) => keys.Current.KeyId.Length + 1 + Length;

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        var key = keys.Current;
        var length = key.KeyId.Length + 1 + Length;
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        key.ComputeHash(value, hash);
        Span<char> encoded = stackalloc char[MaxLength];
        Base64Url.EncodeToChars(hash, encoded);

        key.KeyId.CopyTo(destination);
        destination[key.KeyId.Length] = ':';
        encoded[..Length].CopyTo(destination[(key.KeyId.Length + 1)..]);
        charsWritten = length;
        return true;
    }
}
