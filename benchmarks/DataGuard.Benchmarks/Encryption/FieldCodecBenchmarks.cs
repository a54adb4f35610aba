using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Encrypt + decrypt of one string field. Baseline: <c>AesGcm.Encrypt</c> + <c>Decrypt</c> of the same bytes into
/// preallocated buffers with a nonce that is not regenerated — the cipher alone, with nothing a real field needs.
/// </summary>
[MemoryDiagnoser]
public class FieldCodecBenchmarks
{
    private ServiceProvider _services = null!;
    private ProtectedColumn _column = null!;
    private IDataProtector _protector = null!;
    private AesGcm _aes = null!;
    private string _value = "";
    private byte[] _plain = [];
    private byte[] _cipher = [];
    private byte[] _decrypted = [];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _ad = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0Customer\0Email");

    [Params(16, 64, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkServices.Create();
        _column = _services.GetRequiredService<FieldEncryptor>().Column("Customer", "Email");
        _protector = _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("benchmark");
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        _value = new string('a', Size);
        _plain = Encoding.UTF8.GetBytes(_value);
        _cipher = new byte[Size];
        _decrypted = new byte[Size];
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
    public string DataGuardField() => _column.DecryptString(_column.EncryptString(_value));

    [Benchmark]
    public string DataProtection() => _protector.Unprotect(_protector.Protect(_value));
}
