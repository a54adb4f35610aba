using System.Text.Json;
using DataGuard.Encryption;
using DataGuard.Keys;

namespace DataGuard.Tests.Encryption;

/// <summary>
/// AES-256-GCM known-answer vectors with a 96-bit IV and a 128-bit tag (the parameters of DataGuard's format), through
/// every engine: NIST CAVP gcmEncryptExtIV256 / gcmDecrypt256 and Wycheproof's aes_gcm_test.json (Vectors/README.md
/// says where they come from). Each vector that should fail must be rejected, with nothing written.
/// </summary>
public abstract class AesGcmKnownAnswerTests(CipherEngine engine)
{
    public sealed class Bcl() : AesGcmKnownAnswerTests(CipherEngine.Bcl);

    public sealed class Libsodium() : AesGcmKnownAnswerTests(CipherEngine.Libsodium);

    private readonly AesGcmBackend _backend = AesGcmBackend.For(engine);

    private static string VectorFile(string name) => Path.Combine(AppContext.BaseDirectory, "Encryption", "Vectors", name);

    /// <summary>The records of a CAVP .rsp file: each <c>Count = n</c> block as name/value pairs (a bare <c>FAIL</c>
    /// line becomes <c>FAIL = </c>).</summary>
    private static List<Dictionary<string, string>> ReadRsp(string name)
    {
        var records = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(VectorFile(name)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('['))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (line, "") : (line[..equals].Trim(), line[(equals + 1)..].Trim());
            if (key == "Count")
            {
                records.Add(current = new Dictionary<string, string>(StringComparer.Ordinal));
            }

            current![key] = value;
        }

        return records;
    }

    private void AssertEncrypts(string where, byte[] key, byte[] iv, byte[] aad, byte[] plaintext, byte[] expectedCiphertextAndTag, List<string> failures)
    {
        using var entry = new KeyEntry(1, DataKeyKind.Data, DataKeyStatus.Active, key);
        var output = new byte[plaintext.Length + FieldFormat.TagSize];
        _backend.Encrypt(entry, iv, plaintext, output, aad);
        if (!output.AsSpan().SequenceEqual(expectedCiphertextAndTag))
        {
            failures.Add($"{where}: encryption differs");
        }
    }

    private bool Decrypts(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag, out byte[] plaintext)
    {
        using var entry = new KeyEntry(1, DataKeyKind.Data, DataKeyStatus.Active, key);
        plaintext = new byte[ciphertextAndTag.Length - FieldFormat.TagSize];
        Array.Fill(plaintext, (byte)0xEE);
        return _backend.TryDecrypt(entry, iv, ciphertextAndTag, plaintext, aad);
    }

    [Fact]
    public void Nist_cavp_gcmEncryptExtIV256_vectors_encrypt_and_decrypt()
    {
        var records = ReadRsp("gcmEncryptExtIV256.rsp");
        var failures = new List<string>();
        foreach (var (r, i) in records.Select(static (r, i) => (r, i)))
        {
            byte[] key = Convert.FromHexString(r["Key"]), iv = Convert.FromHexString(r["IV"]), aad = Convert.FromHexString(r["AAD"]);
            byte[] pt = Convert.FromHexString(r["PT"]), sealedText = [.. Convert.FromHexString(r["CT"]), .. Convert.FromHexString(r["Tag"])];
            AssertEncrypts($"record {i}", key, iv, aad, pt, sealedText, failures);
            if (!Decrypts(key, iv, aad, sealedText, out var back) || !back.AsSpan().SequenceEqual(pt))
            {
                failures.Add($"record {i}: decryption failed");
            }
        }

        Assert.Equal(375, records.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void Nist_cavp_gcmDecrypt256_vectors_decrypt_and_every_fail_record_is_rejected()
    {
        var records = ReadRsp("gcmDecrypt256.rsp");
        var failures = new List<string>();
        var rejected = 0;
        foreach (var (r, i) in records.Select(static (r, i) => (r, i)))
        {
            byte[] key = Convert.FromHexString(r["Key"]), iv = Convert.FromHexString(r["IV"]), aad = Convert.FromHexString(r["AAD"]);
            byte[] sealedText = [.. Convert.FromHexString(r["CT"]), .. Convert.FromHexString(r["Tag"])];
            var opened = Decrypts(key, iv, aad, sealedText, out var back);
            if (r.ContainsKey("FAIL"))
            {
                rejected++;
                if (opened)
                {
                    failures.Add($"record {i}: a FAIL record was accepted");
                }
                else if (back.Any(static b => b != 0))
                {
                    failures.Add($"record {i}: rejected, but the destination was not cleared");
                }
            }
            else if (!opened || !back.AsSpan().SequenceEqual(Convert.FromHexString(r["PT"])))
            {
                failures.Add($"record {i}: decryption failed");
            }
        }

        Assert.Equal((375, 191), (records.Count, rejected));
        Assert.Empty(failures);
    }

    [Fact]
    public void Wycheproof_aes_gcm_vectors_pass_and_every_invalid_vector_is_rejected()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(VectorFile("aes_gcm_test.json")));
        var failures = new List<string>();
        var (valid, invalid) = (0, 0);
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal((96, 256, 128),
                (group.GetProperty("ivSize").GetInt32(), group.GetProperty("keySize").GetInt32(), group.GetProperty("tagSize").GetInt32()));
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                byte[] Hex(string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);
                var where = $"tcId {test.GetProperty("tcId").GetInt32()}";
                byte[] key = Hex("key"), iv = Hex("iv"), aad = Hex("aad"), msg = Hex("msg");
                byte[] sealedText = [.. Hex("ct"), .. Hex("tag")];
                var opened = Decrypts(key, iv, aad, sealedText, out var back);
                if (test.GetProperty("result").GetString() == "invalid")
                {
                    invalid++;
                    if (opened)
                    {
                        failures.Add($"{where}: an invalid vector was accepted");
                    }
                }
                else
                {
                    valid++;
                    AssertEncrypts(where, key, iv, aad, msg, sealedText, failures);
                    if (!opened || !back.AsSpan().SequenceEqual(msg))
                    {
                        failures.Add($"{where}: decryption failed");
                    }
                }
            }
        }

        Assert.Equal((39, 27), (valid, invalid));
        Assert.Empty(failures);
    }
}
