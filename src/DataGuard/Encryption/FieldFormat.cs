using System.Buffers;
using System.Buffers.Binary;

namespace DataGuard.Encryption;

/// <summary>
/// The stored layout of an encrypted field, version 1:
/// <c>version (1) | flags (1) | key id (4, big-endian) | nonce (12) | ciphertext (n) | GCM tag (16)</c>.
/// The header is six bytes so that its base64 form is exactly eight characters: the text prefix
/// <c>dg:</c> plus eight characters identifies the key a value is on, which lets the re-encryption job select the
/// rows still on an old key with a plain SQL comparison.
/// </summary>
internal static class FieldFormat
{
    public const byte Version1 = 1;
    public const int HeaderSize = 6;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    /// <summary>Prefix of the text form (string columns and encrypted scalars): base64 of the binary form follows.</summary>
    public const string TextPrefix = "dg:";

    /// <summary>Length of the text prefix plus the base64 header: the part that names version, flags and key.</summary>
    public const int TextHeaderLength = 3 + 8;

    /// <summary>The 64 characters of standard base64 (RFC 4648, section 4), as ASCII bytes.</summary>
    private static readonly SearchValues<byte> Base64Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    public static int CiphertextSize(int plaintextSize) => plaintextSize + Overhead;

    /// <summary>
    /// Whether ASCII text is the one canonical base64 spelling of some bytes (RFC 4648, section 3.5): a multiple of four
    /// characters, only the 64 letters of the alphabet, at most two <c>=</c> at the very end, and zero in the unused
    /// bits before the padding. Decoders (the BCL's too) skip white space and ignore those bits, so without this check
    /// many texts decode to the same value and the stored text would be malleable.
    /// </summary>
    public static bool IsCanonicalBase64(ReadOnlySpan<byte> text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var padding = text[^1] == (byte)'=' ? text[^2] == (byte)'=' ? 2 : 1 : 0;
        var body = text[..^padding];
        if (body.IndexOfAnyExcept(Base64Alphabet) >= 0)
        {
            return false;
        }

        // One '=': the last letter carries 2 unused bits; two '=': 4 unused bits. They must be zero.
        var last = Base64Value(body[^1]);
        return padding switch
        {
            1 => (last & 0b11) == 0,
            2 => (last & 0b1111) == 0,
            _ => true,
        };
    }

    private static int Base64Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        _ => 63,
    };

    public static void WriteHeader(Span<byte> destination, byte flags, int keyId)
    {
        destination[0] = Version1;
        destination[1] = flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], keyId);
    }

    /// <summary>The header bytes a value on this key starts with.</summary>
    public static byte[] Header(byte flags, int keyId)
    {
        var header = new byte[HeaderSize];
        WriteHeader(header, flags, keyId);
        return header;
    }

    /// <summary>The text a string value on this key starts with.</summary>
    public static string TextHeader(byte flags, int keyId) => TextPrefix + Convert.ToBase64String(Header(flags, keyId));

    public static bool TryReadHeader(ReadOnlySpan<byte> value, out byte version, out byte flags, out int keyId)
    {
        if (value.Length < HeaderSize)
        {
            version = flags = 0;
            keyId = 0;
            return false;
        }

        version = value[0];
        flags = value[1];
        keyId = BinaryPrimitives.ReadInt32BigEndian(value[2..]);
        return true;
    }

    /// <summary>Reads version, flags and key id from the text form (<c>dg:</c> plus base64) without decoding the rest.</summary>
    public static bool TryReadTextHeader(string stored, out byte version, out byte flags, out int keyId)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (stored.Length >= TextHeaderLength
            && stored.StartsWith(TextPrefix, StringComparison.Ordinal)
            && Convert.TryFromBase64Chars(stored.AsSpan(TextPrefix.Length, TextHeaderLength - TextPrefix.Length), header, out var written)
            && written == HeaderSize)
        {
            return TryReadHeader(header, out version, out flags, out keyId);
        }

        version = flags = 0;
        keyId = 0;
        return false;
    }
}
