using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Encrypt + decrypt of one string field, on each engine. Baseline: the BCL's <c>AesGcm.Encrypt</c> + <c>Decrypt</c>
/// of the same bytes into preallocated buffers with a nonce that is not regenerated — the cipher alone, with nothing a
/// real field needs. <c>NSecImported</c>, <c>LibsodiumRaw</c> and <c>LibsodiumOneShot</c> are the same bare cipher through
/// NSec (key imported once), through DataGuard's own binding to libsodium (key expanded once per key entry), and through
/// libsodium's one-shot raw-key calls (the key expanded on every call, as DataGuard did before): the choice of binding.
/// </summary>
[MemoryDiagnoser]
public class FieldCodecBenchmarks
{
    private ServiceProvider _services = null!;
    private ProtectedColumn _libsodium = null!;
    private ProtectedColumn _bcl = null!;
    private IDataProtector _protector = null!;
    private AesGcm _aes = null!;
    private Key _nsecKey = null!;
    private DataGuard.Keys.KeyEntry _rawKey = null!;
    private string _value = "";
    private byte[] _plain = [];
    private byte[] _cipher = [];
    private byte[] _sealed = [];
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
        var encryptor = _services.GetRequiredService<FieldEncryptor>();
        var options = _services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>();
        _libsodium = new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(CipherEngine.Libsodium), "Customer", "Email");
        _bcl = new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(CipherEngine.Bcl), "Customer", "Email");
        _protector = _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("benchmark");
        var key = RandomNumberGenerator.GetBytes(32);
        _aes = new AesGcm(key, 16);
        _nsecKey = Key.Import(AeadAlgorithm.Aes256Gcm, key, KeyBlobFormat.RawSymmetricKey);
        _rawKey = new DataGuard.Keys.KeyEntry(1, DataGuard.Keys.DataKeyKind.Data, DataGuard.Keys.DataKeyStatus.Active, key);
        _value = new string('a', Size);
        _plain = Encoding.UTF8.GetBytes(_value);
        _cipher = new byte[Size];
        _sealed = new byte[Size + 16];
        _decrypted = new byte[Size];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _nsecKey.Dispose();
        _rawKey.Dispose();
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
    public byte[] NSecImported()
    {
        AeadAlgorithm.Aes256Gcm.Encrypt(_nsecKey, _nonce, _ad, _plain, _sealed);
        AeadAlgorithm.Aes256Gcm.Decrypt(_nsecKey, _nonce, _ad, _sealed, _decrypted);
        return _decrypted;
    }

    [Benchmark]
    public byte[] LibsodiumRaw()
    {
        LibsodiumAesGcmBackend.Instance.Encrypt(_rawKey, _nonce, _plain, _sealed, _ad);
        LibsodiumAesGcmBackend.Instance.TryDecrypt(_rawKey, _nonce, _sealed, _decrypted, _ad);
        return _decrypted;
    }

    [Benchmark]
    public byte[] LibsodiumOneShot()
    {
        var key = _rawKey.Material;
        Encryption.LibsodiumOneShot.Encrypt(key, _nonce, _plain, _sealed, _ad);
        Encryption.LibsodiumOneShot.TryDecrypt(key, _nonce, _sealed, _decrypted, _ad);
        return _decrypted;
    }

    [Benchmark]
    public string DataGuardFieldLibsodium() => _libsodium.DecryptString(_libsodium.EncryptString(_value));

    [Benchmark]
    public string DataGuardFieldBcl() => _bcl.DecryptString(_bcl.EncryptString(_value));

    [Benchmark]
    public string DataProtection() => _protector.Unprotect(_protector.Protect(_value));
}
