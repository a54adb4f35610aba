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

    public static int CiphertextSize(int plaintextSize) => plaintextSize + Overhead;

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
