using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace DataGuard.Masking;

/// <summary>
/// A pseudonym key: a short id shown in front of every pseudonym (so a rotated key is visible) and the HMAC-SHA256
/// key bytes. It owns a small lock-free pool of <see cref="HMACSHA256"/> instances, because creating one per call is
/// costly on Linux and an instance is not thread-safe; the pool and a copy of the key are released on dispose.
/// </summary>
internal sealed class PseudonymKey : IDisposable
{
    public const int MaxKeyIdLength = 16;
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;
    private readonly HMACSHA256?[] _pool = new HMACSHA256?[Math.Max(4, Environment.ProcessorCount * 2)];
    private volatile bool _disposed;

    /// <param name="keyId">1 to 16 characters: letters, digits, '-', '_' or '.'.</param>
    /// <param name="key">At least 32 bytes of key material; copied.</param>
    public PseudonymKey(string keyId, ReadOnlySpan<byte> key)
    {
        if (!IsValidKeyId(keyId))
        {
            throw new ArgumentException($"A pseudonym key id has 1 to {MaxKeyIdLength} characters: letters, digits, '-', '_' or '.'.", nameof(keyId));
        }

        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"A pseudonym key has at least {MinKeyBytes} bytes.", nameof(key));
        }

        KeyId = keyId;
        _key = key.ToArray();
    }

    public string KeyId { get; }

    public static bool IsValidKeyId(string? keyId)
        => !string.IsNullOrEmpty(keyId) && keyId.Length <= MaxKeyIdLength && keyId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>HMAC-SHA256 of the UTF-16LE bytes of <paramref name="value"/> into <paramref name="hash"/> (32 bytes).</summary>
    public void ComputeHash(ReadOnlySpan<char> value, Span<byte> hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var hmac = Rent();
        try
        {
            if (BitConverter.IsLittleEndian)
            {
                hmac.TryComputeHash(MemoryMarshal.AsBytes(value), hash, out _);
            }
            else
            {
                ComputeHashBigEndian(hmac, value, hash);
            }
        }
        finally
        {
            Return(hmac);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }

        CryptographicOperations.ZeroMemory(_key);
    }

    private HMACSHA256 Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } hmac)
            {
                return hmac;
            }
        }

        // Dispose sets _disposed before zeroing the key, so a key read here after zeroing is always caught below.
        var created = new HMACSHA256(_key);
        if (_disposed)
        {
            created.Dispose();
            throw new ObjectDisposedException(nameof(PseudonymKey));
        }

        return created;
    }

    private void Return(HMACSHA256 hmac)
    {
        if (!_disposed)
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _pool[i], hmac, null) is null)
                {
                    return;
                }
            }
        }

        hmac.Dispose();
    }

    // Pseudonyms are defined over UTF-16LE so that they are the same on every platform.
    private static void ComputeHashBigEndian(HMACSHA256 hmac, ReadOnlySpan<char> value, Span<byte> hash)
    {
        var bytes = new byte[value.Length * 2];
        for (var i = 0; i < value.Length; i++)
        {
            bytes[2 * i] = (byte)value[i];
            bytes[(2 * i) + 1] = (byte)(value[i] >> 8);
        }

        hmac.TryComputeHash(bytes, hash, out _);
    }
}
