using System.Security.Cryptography;
using System.Text;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// The codec round trip on each engine against the raw BCL <c>AesGcm</c> encrypt + decrypt, interleaved in one process
/// (<see cref="Interleaved"/>): thread CPU time holds up on a loaded machine where BenchmarkDotNet's wall-clock figures
/// do not. Each measurement is a loop of round trips.
/// </summary>
internal static class CodecInterleaved
{
    public static void Run(int rounds)
    {
        using var services = BenchmarkServices.Create();
        var encryptor = services.GetRequiredService<FieldEncryptor>();
        var options = services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>();
        var ad = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0Customer\0Email");
        using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        foreach (var size in new[] { 16, 64, 1024 })
        {
            var value = new string('a', size);
            var plain = Encoding.UTF8.GetBytes(value);
            var cipher = new byte[size];
            var decrypted = new byte[size];
            var nonce = new byte[12];
            var tag = new byte[16];
            const int perMeasure = 20_000;
            int Raw()
            {
                for (var i = 0; i < perMeasure; i++)
                {
                    aes.Encrypt(nonce, plain, cipher, tag, ad);
                    aes.Decrypt(nonce, cipher, tag, decrypted, ad);
                }

                return decrypted[0];
            }

            // What any codec returning strings pays on top of the bare cipher: libsodium's enc+dec (DataGuard's backend),
            // plus writing the two results (the stored text and the decrypted string) into freshly allocated memory.
            using var rawKey = new DataGuard.Keys.KeyEntry(
                1, DataGuard.Keys.DataKeyKind.Data, DataGuard.Keys.DataKeyStatus.Active, RandomNumberGenerator.GetBytes(32));
            var libsodium = AesGcmBackend.For(CipherEngine.Libsodium);
            var sealedBuffer = new byte[size + 16];
            var storedLength = 3 + ((FieldFormat.CiphertextSize(size) + 2) / 3 * 4);
            int Bare()
            {
                for (var i = 0; i < perMeasure; i++)
                {
                    libsodium.Encrypt(rawKey, nonce, plain, sealedBuffer, ad);
                    libsodium.TryDecrypt(rawKey, nonce, sealedBuffer, decrypted, ad);
                }

                return decrypted[0];
            }

            var keyBytes = rawKey.Material.ToArray();
            int OneShot()
            {
                for (var i = 0; i < perMeasure; i++)
                {
                    LibsodiumOneShot.Encrypt(keyBytes, nonce, plain, sealedBuffer, ad);
                    LibsodiumOneShot.TryDecrypt(keyBytes, nonce, sealedBuffer, decrypted, ad);
                }

                return decrypted[0];
            }

            int BarePlusResults()
            {
                var length = 0;
                for (var i = 0; i < perMeasure; i++)
                {
                    libsodium.Encrypt(rawKey, nonce, plain, sealedBuffer, ad);
                    length += new string('A', storedLength).Length;
                    libsodium.TryDecrypt(rawKey, nonce, sealedBuffer, decrypted, ad);
                    length += new string('a', size).Length;
                }

                return length;
            }

            Interleaved.Measure($"bare  {size,4} B libsodium vs raw BCL AesGcm", rounds, Raw, Bare);
            Interleaved.Measure($"bare  {size,4} B libsodium, key expanded once (now) vs one-shot raw key (before)", rounds, OneShot, Bare);
            Interleaved.Measure($"floor {size,4} B libsodium + 2 results vs raw BCL AesGcm", rounds, Raw, BarePlusResults);

            foreach (var engine in new[] { CipherEngine.Libsodium, CipherEngine.Bcl })
            {
                var column = new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(engine), "Customer", "Email");
                int Codec()
                {
                    var length = 0;
                    for (var i = 0; i < perMeasure; i++)
                    {
                        length += column.DecryptString(column.EncryptString(value)).Length;
                    }

                    return length;
                }

                Interleaved.Measure($"codec {size,4} B {engine,-9} vs raw BCL AesGcm", rounds, Raw, Codec);
            }
        }
    }
}
