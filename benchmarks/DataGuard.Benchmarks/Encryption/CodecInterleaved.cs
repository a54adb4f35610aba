using System.Security.Cryptography;
using System.Text;
using DataGuard.Encryption;
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
            const int PerMeasure = 20_000;
            int Raw()
            {
                for (var i = 0; i < PerMeasure; i++)
                {
                    aes.Encrypt(nonce, plain, cipher, tag, ad);
                    aes.Decrypt(nonce, cipher, tag, decrypted, ad);
                }

                return decrypted[0];
            }

            foreach (var engine in new[] { CipherEngine.Libsodium, CipherEngine.Bcl })
            {
                var column = new ProtectedColumn(encryptor.Ring, options, AesGcmBackend.For(engine), "Customer", "Email");
                int Codec()
                {
                    var length = 0;
                    for (var i = 0; i < PerMeasure; i++)
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
