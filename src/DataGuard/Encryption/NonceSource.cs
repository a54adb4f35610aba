using System.Security.Cryptography;

namespace DataGuard.Encryption;

/// <summary>
/// Random 96-bit GCM nonces from a per-thread buffer filled by <see cref="RandomNumberGenerator"/>. One
/// <c>RandomNumberGenerator.Fill</c> call costs more than encrypting a short field, so the buffer amortises it over
/// 340 nonces. The bytes are still the operating system's CSPRNG output, used once each and never shared between
/// threads, so the nonces are exactly as unpredictable and unique as per-call ones: with random 96-bit nonces the
/// chance of a repeat stays below 2^-32 for up to 2^32 encryptions under one key (NIST SP 800-38D, 8.3), which key
/// rotation keeps well out of reach.
/// </summary>
internal static class NonceSource
{
    private const int BufferSize = FieldFormat.NonceSize * 340;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_offset;

    public static void Fill(Span<byte> nonce)
    {
        var buffer = t_buffer;
        if (buffer is null || t_offset + FieldFormat.NonceSize > BufferSize)
        {
            buffer = t_buffer ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            t_offset = 0;
        }

        var slice = buffer.AsSpan(t_offset, FieldFormat.NonceSize);
        slice.CopyTo(nonce);
        CryptographicOperations.ZeroMemory(slice); // a nonce leaves the buffer once
        t_offset += FieldFormat.NonceSize;
    }
}
