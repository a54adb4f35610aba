using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Where the codec round trip of a string spends its time: each step of <c>EncryptString</c> and <c>DecryptString</c>
/// (libsodium engine) on its own, against the raw BCL <c>AesGcm</c> encrypt + decrypt baseline of
/// <see cref="FieldCodecBenchmarks"/>. The steps' ratios add up to roughly the round trip's; what is left over is calls,
/// stack buffers and checks between them.
/// </summary>
[MemoryDiagnoser]
public class CodecStepBenchmarks
{
    private ServiceProvider _services = null!;
    private ProtectedColumn _column = null!;
    private AesGcm _aes = null!;
    private string _value = "";
    private string _stored = "";
    private byte[] _plain = [];
    private byte[] _cipher = [];
    private byte[] _decrypted = [];
    private byte[] _sealedValue = [];
    private byte[] _ascii = [];
    private byte[] _buffer = [];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _ad = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0Customer\0Email");

    [Params(16, 64, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkServices.Create();
        var encryptor = _services.GetRequiredService<FieldEncryptor>();
        var options = _services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>();
        _column = new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(CipherEngine.Libsodium), "Customer", "Email");
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        _value = new string('a', Size);
        _plain = Encoding.UTF8.GetBytes(_value);
        _cipher = new byte[Size];
        _decrypted = new byte[Size];
        _stored = _column.EncryptString(_value);
        _sealedValue = new byte[FieldFormat.CiphertextSize(Size)];
        _column.Encrypt(_plain, _sealedValue);
        _ascii = Encoding.ASCII.GetBytes(_stored[FieldFormat.TextPrefix.Length..]);
        _buffer = new byte[_ascii.Length + 64];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] RawAesGcm()
    {
        _aes.Encrypt(_nonce, _plain, _cipher, _tag, _ad);
        _aes.Decrypt(_nonce, _cipher, _tag, _decrypted, _ad);
        return _decrypted;
    }

    [Benchmark]
    public string RoundTrip() => _column.DecryptString(_column.EncryptString(_value));

    [Benchmark]
    public string EncryptString() => _column.EncryptString(_value);

    [Benchmark]
    public string DecryptString() => _column.DecryptString(_stored);

    /// <summary>Encrypt, step 1: the string's UTF-8 bytes.</summary>
    [Benchmark]
    public int Utf8Encode() => Encoding.UTF8.GetBytes(_value, _buffer);

    /// <summary>Encrypt, step 2: active key, nonce, header, associated data and the cipher.</summary>
    [Benchmark]
    public int Seal() => _column.Encrypt(_plain, _buffer);

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
    public string Utf8DecodeToString() => Encoding.UTF8.GetString(_plain);
}
