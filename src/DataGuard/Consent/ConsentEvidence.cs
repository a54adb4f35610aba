using System.Security.Cryptography;
using System.Text;

namespace DataGuard.Consent;

/// <summary>
/// Helps keep evidence free of raw personal data: a keyed hash (HMAC-SHA256) of a value such as an IP address or a
/// user-agent proves, given the value and the key, that the record matches, without storing the value. A plain hash
/// of an IP address is not enough: there are few enough addresses to try them all, hence the key.
/// </summary>
public static class ConsentEvidence
{
    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Hashes a value with HMAC-SHA256 under a secret key of the host's.</summary>
    /// <param name="value">The value, for example an IP address; hashed as UTF-8.</param>
    /// <param name="key">A secret key of at least <see cref="MinimumKeyLength"/> bytes, kept outside the database.</param>
    /// <returns>"hmac-sha256:" followed by 64 lower-case hex digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public static string Hash(string value, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The evidence key needs at least {MinimumKeyLength} bytes.", nameof(key));
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        var bytes = byteCount <= 256 ? stackalloc byte[256] : new byte[byteCount];
        bytes = bytes[..Encoding.UTF8.GetBytes(value, bytes)];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, bytes, mac);
        return "hmac-sha256:" + Convert.ToHexStringLower(mac);
    }
}
