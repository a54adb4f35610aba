using System.Security.Cryptography;
using System.Text;

namespace DataGuard.Pkcs11;

/// <summary>
/// The wrapped-key format: <c>version (1) | label length (1) | key label (UTF-8) | nonce (12) | ciphertext | tag (16)</c>.
/// The token encrypts the data key with AES-256-GCM; the associated data is a fixed context string and the header, so
/// a wrapped key cannot be passed off as another label's or another scheme's.
/// </summary>
internal static class Pkcs11WrappedKey
{
    public const byte Version = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    private static readonly byte[] Context = "DataGuard.KeyWrapping.Pkcs11.v1"u8.ToArray();

    /// <summary>The header for <paramref name="label"/>: version, label length and label.</summary>
    public static byte[] Header(string label)
    {
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var header = new byte[2 + labelBytes.Length];
        header[0] = Version;
        header[1] = checked((byte)labelBytes.Length);
        labelBytes.CopyTo(header, 2);
        return header;
    }

    /// <summary>The associated data GCM authenticates for a header.</summary>
    public static byte[] AssociatedData(ReadOnlySpan<byte> header) => [.. Context, .. header];

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    public static byte[] Compose(byte[] header, byte[] nonce, byte[] ciphertextAndTag) => [.. header, .. nonce, .. ciphertextAndTag];

    /// <summary>Splits a wrapped key; <see langword="false"/> when it is not in this format or is truncated.</summary>
    public static bool TryParse(ReadOnlySpan<byte> wrapped, out Parsed parsed)
    {
        parsed = default;
        if (wrapped.Length < 3 || wrapped[0] != Version || wrapped[1] == 0)
        {
            return false;
        }

        var headerLength = 2 + wrapped[1];
        if (wrapped.Length < headerLength + NonceSize + TagSize + 1)
        {
            return false;
        }

        string label;
        try
        {
            label = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(wrapped.Slice(2, wrapped[1]));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        parsed = new Parsed(
            label,
            wrapped[..headerLength].ToArray(),
            wrapped.Slice(headerLength, NonceSize).ToArray(),
            wrapped[(headerLength + NonceSize)..].ToArray());
        return true;
    }

    /// <summary>A wrapped key's parts.</summary>
    internal readonly record struct Parsed(string Label, byte[] Header, byte[] Nonce, byte[] CiphertextAndTag);
}
