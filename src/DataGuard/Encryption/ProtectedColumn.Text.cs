using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DataGuard.Encryption;

/// <summary>The text form of <see cref="ProtectedColumn"/>'s values: <c>dg:</c> and the canonical base64 of the stored
/// bytes. Buffers stay on the stack up to <see cref="TextStackLimit"/> and come from the shared pool above it.</summary>
internal sealed partial class ProtectedColumn
{
    /// <summary>Buffers of the text form (UTF-8, stored bytes, base64) stay on the stack up to this size, which covers
    /// 1 KiB values: renting five pool arrays cost a measurable share of a 1 KiB round trip (benchmarks/README.md).</summary>
    private const int TextStackLimit = 1536;

    /// <summary>Encrypts a string written with <paramref name="context"/> into the text form.</summary>
    public string EncryptString(string value, in ValueContext context)
    {
        var plainLength = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        var plain = plainLength <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rented = ArrayPool<byte>.Shared.Rent(plainLength));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, plain);
            return ToText(plain[..written], context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain[..plainLength]);
            Return(rented);
        }
    }

    private unsafe string ToText(ReadOnlySpan<byte> plain, in ValueContext context)
    {
        var size = FieldFormat.CiphertextSize(plain.Length);
        byte[]? rentedBytes = null;
        var cipher = size <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedBytes = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var written = Encrypt(plain, cipher, context);

            // The base64 is written straight into the result string (no intermediate buffer, no second copy): on .NET 10
            // Convert's char encoder is vectorised, as fast as Base64.EncodeToUtf8 and a widening pass together, and at
            // 1 KiB the round trip's own cost is mostly writing its freshly allocated results (benchmarks/README.md, Codec).
            fixed (byte* bytes = cipher)
            {
                return string.Create(
                    FieldFormat.TextPrefix.Length + Base64.GetMaxEncodedToUtf8Length(written),
                    ((nint)bytes, written),
                    static (chars, state) =>
                    {
                        FieldFormat.TextPrefix.CopyTo(chars);
                        Convert.TryToBase64Chars(new ReadOnlySpan<byte>((byte*)state.Item1, state.Item2), chars[FieldFormat.TextPrefix.Length..], out _);
                    });
            }
        }
        finally
        {
            Return(rentedBytes);
        }
    }

    /// <summary>The reader is static and gets its state passed in, so decrypting a row allocates no delegate.</summary>
    private TResult FromText<TState, TResult>(string stored, TState state, Func<TState, ReadOnlySpan<byte>, TResult> read, in ValueContext context)
    {
        var text = stored.AsSpan(FieldFormat.TextPrefix.Length);
        var maxBytes = (text.Length / 4 * 3) + 3;
        byte[]? rentedAscii = null;
        var ascii = text.Length <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedAscii = ArrayPool<byte>.Shared.Rent(text.Length));
        byte[]? rentedCipher = null;
        var cipher = maxBytes <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedCipher = ArrayPool<byte>.Shared.Rent(maxBytes));
        byte[]? rentedPlain = null;
        var plain = maxBytes <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedPlain = ArrayPool<byte>.Shared.Rent(maxBytes));
        var plainLength = 0;
        try
        {
            var cipherLength = DecodeText(text, ascii, cipher);
            plainLength = Decrypt(cipher[..cipherLength], plain, context);
            return read(state, plain[..plainLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain[..plainLength]);
            Return(rentedAscii);
            Return(rentedCipher);
            Return(rentedPlain);
        }
    }

    /// <summary>Decodes the base64 after the prefix into <paramref name="cipher"/>, through <paramref name="ascii"/>.</summary>
    private int DecodeText(ReadOnlySpan<char> text, Span<byte> ascii, Span<byte> cipher)
    {
        // The base64 text is narrowed to ASCII and decoded by the vectorised UTF-8 decoder: Convert's decoder for chars
        // (and the in-place one) are scalar, and took a fifth of a 1 KiB round trip (benchmarks/README.md, Codec).
        // Only the one spelling DataGuard writes is read: white space or other padding would let the stored text be
        // changed without the change being detected.
        return Ascii.FromUtf16(text, ascii, out var narrowed) == OperationStatus.Done
               && FieldFormat.IsCanonicalBase64(ascii[..narrowed])
               && Base64.DecodeFromUtf8(ascii[..narrowed], cipher, out _, out var cipherLength) == OperationStatus.Done
            ? cipherLength
            : throw Fail("the stored value is not valid base64 (truncated or altered; only canonical base64 without white space is read)");
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
