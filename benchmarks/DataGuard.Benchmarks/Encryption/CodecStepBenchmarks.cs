using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Where the codec round trip of a string spends its time: each step of <c>EncryptString</c> and <c>DecryptString</c>
/// (libsodium engine) on its own, against the raw BCL <c>AesGcm</c> encrypt + decrypt baseline of
/// <see cref="CodecBenchmarks"/>. The steps' ratios add up to roughly the round trip's; what is left over is calls,
/// stack buffers and checks between them.
/// </summary>
[MemoryDiagnoser]
public class CodecStepBenchmarks : CodecBenchmarks
{
    private ProtectedColumn _column = null!;
    private string _stored = "";
    private byte[] _sealedValue = [];
    private byte[] _ascii = [];
    private byte[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        SetupCodec(RandomNumberGenerator.GetBytes(32));
        _column = Column(CipherEngine.Libsodium);
        _stored = _column.EncryptString(Value);
        _sealedValue = new byte[FieldFormat.CiphertextSize(Size)];
        _column.Encrypt(Plain, _sealedValue);
        _ascii = Encoding.ASCII.GetBytes(_stored[FieldFormat.TextPrefix.Length..]);
        _buffer = new byte[_ascii.Length + 64];
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupCodec();

    [Benchmark]
    public string RoundTrip() => _column.DecryptString(_column.EncryptString(Value));

    [Benchmark]
    public string EncryptString() => _column.EncryptString(Value);

    [Benchmark]
    public string DecryptString() => _column.DecryptString(_stored);

    /// <summary>Encrypt, step 1: the string's UTF-8 bytes.</summary>
    [Benchmark]
    public int Utf8Encode() => Encoding.UTF8.GetBytes(Value, _buffer);

    /// <summary>Encrypt, step 2: active key, nonce, header, associated data and the cipher.</summary>
    [Benchmark]
    public int Seal() => _column.Encrypt(Plain, _buffer);

    /// <summary>Encrypt, step 3: the stored text (prefix and base64) written into its freshly allocated string.</summary>
    [Benchmark]
    public string Base64ToString() => string.Create(FieldFormat.TextPrefix.Length + Base64.GetMaxEncodedToUtf8Length(_sealedValue.Length), _sealedValue, static (chars, bytes) =>
    {
        FieldFormat.TextPrefix.CopyTo(chars);
        Convert.TryToBase64Chars(bytes, chars[FieldFormat.TextPrefix.Length..], out _);
    });

    /// <summary>Decrypt, step 1: the base64 text narrowed to ASCII.</summary>
    [Benchmark]
    public OperationStatus NarrowToAscii() => Ascii.FromUtf16(_stored.AsSpan(FieldFormat.TextPrefix.Length), _buffer, out _);

    /// <summary>Decrypt, step 2: the one-spelling check (alphabet, padding bits).</summary>
    [Benchmark]
    public bool CanonicalCheck() => FieldFormat.IsCanonicalBase64(_ascii);

    /// <summary>Decrypt, step 3: base64 to the stored bytes.</summary>
    [Benchmark]
    public OperationStatus Base64Decode() => Base64.DecodeFromUtf8(_ascii, _buffer, out _, out _);

    /// <summary>Steps 1 to 3 in one: Convert's decoder for chars, for comparison (it also skips white space).</summary>
    [Benchmark]
    public bool ConvertFromBase64Chars() => Convert.TryFromBase64Chars(_stored.AsSpan(FieldFormat.TextPrefix.Length), _buffer, out _);

    /// <summary>Decrypt, step 4: header, key look-up, associated data and the cipher.</summary>
    [Benchmark]
    public int Open() => _column.Decrypt(_sealedValue, _buffer);

    /// <summary>Decrypt, step 5: the plaintext's freshly allocated string.</summary>
    [Benchmark]
    public string Utf8DecodeToString() => Encoding.UTF8.GetString(Plain);
}
