using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
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
public class FieldCodecBenchmarks : CodecBenchmarks
{
    private ProtectedColumn _libsodium = null!;
    private ProtectedColumn _bcl = null!;
    private IDataProtector _protector = null!;
    private Key _nsecKey = null!;
    private DataGuard.Keys.KeyEntry _rawKey = null!;
    private byte[] _sealed = [];

    [GlobalSetup]
    public void Setup()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var services = SetupCodec(key);
        _libsodium = Column(CipherEngine.Libsodium);
        _bcl = Column(CipherEngine.Bcl);
        _protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("benchmark");
        _nsecKey = Key.Import(AeadAlgorithm.Aes256Gcm, key, KeyBlobFormat.RawSymmetricKey);
        _rawKey = new DataGuard.Keys.KeyEntry(1, DataGuard.Keys.DataKeyKind.Data, DataGuard.Keys.DataKeyStatus.Active, key);
        _sealed = new byte[Size + 16];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nsecKey.Dispose();
        _rawKey.Dispose();
        CleanupCodec();
    }

    [Benchmark]
    public byte[] NSecImported()
    {
        AeadAlgorithm.Aes256Gcm.Encrypt(_nsecKey, Nonce, AssociatedData, Plain, _sealed);
        AeadAlgorithm.Aes256Gcm.Decrypt(_nsecKey, Nonce, AssociatedData, _sealed, Decrypted);
        return Decrypted;
    }

    [Benchmark]
    public byte[] LibsodiumRaw()
    {
        LibsodiumAesGcmBackend.Instance.Encrypt(_rawKey, Nonce, Plain, _sealed, AssociatedData);
        LibsodiumAesGcmBackend.Instance.TryDecrypt(_rawKey, Nonce, _sealed, Decrypted, AssociatedData);
        return Decrypted;
    }

    [Benchmark]
    public byte[] LibsodiumOneShot()
    {
        var key = _rawKey.Material;
        Encryption.LibsodiumOneShot.Encrypt(key, Nonce, Plain, _sealed, AssociatedData);
        Encryption.LibsodiumOneShot.TryDecrypt(key, Nonce, _sealed, Decrypted, AssociatedData);
        return Decrypted;
    }

    [Benchmark]
    public string DataGuardFieldLibsodium() => _libsodium.DecryptString(_libsodium.EncryptString(Value));

    [Benchmark]
    public string DataGuardFieldBcl() => _bcl.DecryptString(_bcl.EncryptString(Value));

    [Benchmark]
    public string DataProtection() => _protector.Unprotect(_protector.Protect(Value));
}
