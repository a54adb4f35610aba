using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// What the codec benchmarks share: the value sizes, DataGuard's services, a <see cref="ProtectedColumn"/> on an engine,
/// and the baseline, the BCL's <c>AesGcm.Encrypt</c> + <c>Decrypt</c> of the value's bytes into preallocated buffers with
/// a nonce that is not regenerated: the cipher alone, with nothing a real field needs.
/// </summary>
public abstract class CodecBenchmarks
{
    private ServiceProvider _services = null!;
    private AesGcm _aes = null!;
    private byte[] _cipher = [];
    private readonly byte[] _tag = new byte[16];

    [Params(16, 64, 1024)]
    public int Size { get; set; }

    /// <summary>The value of <see cref="Size"/> characters.</summary>
    protected string Value { get; private set; } = "";

    /// <summary>The value's UTF-8 bytes.</summary>
    protected byte[] Plain { get; private set; } = [];

    /// <summary>The baseline's decrypted bytes.</summary>
    protected byte[] Decrypted { get; private set; } = [];

    /// <summary>The nonce, never regenerated.</summary>
    protected byte[] Nonce { get; } = new byte[12];

    /// <summary>The associated data of the field Customer.Email.</summary>
    protected byte[] AssociatedData { get; } = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0Customer\0Email");

    [Benchmark(Baseline = true)]
    public byte[] RawAesGcm()
    {
        _aes.Encrypt(Nonce, Plain, _cipher, _tag, AssociatedData);
        _aes.Decrypt(Nonce, _cipher, _tag, Decrypted, AssociatedData);
        return Decrypted;
    }

    /// <summary>Starts the services and the baseline with <paramref name="key"/>; the value and its buffers.</summary>
    protected IServiceProvider SetupCodec(byte[] key)
    {
        _services = BenchmarkServices.Create();
        _aes = new AesGcm(key, 16);
        Value = new string('a', Size);
        Plain = Encoding.UTF8.GetBytes(Value);
        _cipher = new byte[Size];
        Decrypted = new byte[Size];
        return _services;
    }

    /// <summary>A column of Customer.Email on <paramref name="engine"/>.</summary>
    private protected ProtectedColumn Column(CipherEngine engine)
    {
        var encryptor = _services.GetRequiredService<FieldEncryptor>();
        var options = _services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>();
        return new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(engine), "Customer", "Email");
    }

    protected void CleanupCodec()
    {
        _aes.Dispose();
        _services.Dispose();
    }
}
