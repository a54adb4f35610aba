using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>
/// The published format (docs/format.md) is exact: the committed vectors (Vectors/field_format_vectors.json, made by a
/// Python script from the document alone) decrypt by following the document with a bare AES-GCM, and DataGuard reads
/// every one of them to the same value, on every engine.
/// </summary>
public abstract class FieldFormatVectorTests(CipherEngine engine)
{
    public sealed class Bcl() : FieldFormatVectorTests(CipherEngine.Bcl);

    public sealed class Libsodium() : FieldFormatVectorTests(CipherEngine.Libsodium);

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var vector in Load())
        {
            names.Add(vector.GetProperty("name").GetString()!);
        }

        return names;
    }

    private static List<JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Encryption", "Vectors", "field_format_vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("vectors").EnumerateArray().Select(static v => v.Clone())];
    }

    private static JsonElement Vector(string name) => Load().Single(v => v.GetProperty("name").GetString() == name);

    private static byte[] StoredBytes(JsonElement v)
    {
        var stored = v.GetProperty("stored").GetString()!;
        return v.GetProperty("form").GetString() == "text"
            ? Convert.FromBase64String(stored.StartsWith("dg:",
                StringComparison.Ordinal) ? stored[3..] : throw new InvalidDataException("a text value starts with dg:"))
            : Convert.FromBase64String(stored);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_document_alone_decrypts_the_vector(string name)
    {
        var v = Vector(name);
        var stored = StoredBytes(v);

        // docs/format.md, "Binary form" and "Associated data".
        Assert.Equal(1, stored[0]);
        Assert.Equal(v.GetProperty("flags").GetInt32(), stored[1]);
        Assert.Equal(v.GetProperty("keyId").GetInt32(), BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(2, 4)));
        var subject = v.GetProperty("subject").ValueKind == JsonValueKind.Null ? null : v.GetProperty("subject").GetString();
        var columnAd = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0" + v.GetProperty("entity").GetString() + "\0" + v.GetProperty("property").GetString()
            + (subject is null ? "" : "\0" + subject));
        Assert.Equal(v.GetProperty("associatedData").GetString(), Convert.ToHexStringLower(columnAd));

        var nonce = stored.AsSpan(6, 12);
        var ciphertext = stored.AsSpan(18, stored.Length - 18 - 16);
        var tag = stored.AsSpan(stored.Length - 16);
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(Convert.FromHexString(v.GetProperty("key").GetString()!), 16);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, [.. stored.AsSpan(0, 6), .. columnAd]);
        Assert.Equal(v.GetProperty("plaintext").GetString(), Convert.ToHexStringLower(plaintext));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DataGuard_reads_the_vector(string name)
    {
        var v = Vector(name);
        var keyId = v.GetProperty("keyId").GetInt32();
        var key = Convert.FromHexString(v.GetProperty("key").GetString()!);
        var subject = v.GetProperty("subject").ValueKind == JsonValueKind.Null ? null : v.GetProperty("subject").GetString();
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.Engine = engine);
        services.AddSingleton<IKeyStore>(new FixedKeyStore(new DataKeyRecord { Id = keyId, Kind = subject is null ? DataKeyKind.Data : DataKeyKind.Subject,
            Status = DataKeyStatus.DecryptOnly, WrappedKey = key }));
        services.AddSingleton<IKeyWrapper>(new UnwrappedKeys());
        using var provider = services.BuildServiceProvider();
        var column = provider.GetRequiredService<FieldEncryptor>().Column(v.GetProperty("entity").GetString()!, v.GetProperty("property").GetString()!);
        var stored = v.GetProperty("stored").GetString()!;
        var value = v.GetProperty("value").GetString()!;

        if (subject is not null)
        {
            using var subjectKey = new KeyEntry(keyId, DataKeyKind.Subject, DataKeyStatus.Active, key);
            var read = v.GetProperty("type").GetString() == "string"
                ? column.DecryptString(stored, subjectKey, subject)
                : Convert.ToBase64String(column.DecryptBytes(Convert.FromBase64String(stored), subjectKey, subject));
            Assert.Equal(value, read);
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        object expected = v.GetProperty("type").GetString() switch
        {
            "string" => value,
            "int" => int.Parse(value, invariant),
            "long" => long.Parse(value, invariant),
            "bool" => bool.Parse(value),
            "DateOnly" => DateOnly.ParseExact(value, "yyyy-MM-dd", invariant),
            "decimal" => decimal.Parse(value, invariant),
            "Guid" => Guid.Parse(value),
            "DateTime" => DateTime.Parse(value, invariant, DateTimeStyles.RoundtripKind),
            "DateTimeOffset" => DateTimeOffset.Parse(value, invariant, DateTimeStyles.RoundtripKind),
            "byte[]" => value,
            var other => throw new InvalidDataException($"unknown type {other}"),
        };
        object actual = v.GetProperty("type").GetString() switch
        {
            "string" => column.DecryptString(stored),
            "int" => column.DecryptScalar<int>(stored),
            "long" => column.DecryptScalar<long>(stored),
            "bool" => column.DecryptScalar<bool>(stored),
            "DateOnly" => column.DecryptScalar<DateOnly>(stored),
            "decimal" => column.DecryptScalar<decimal>(stored),
            "Guid" => column.DecryptScalar<Guid>(stored),
            "DateTime" => column.DecryptScalar<DateTime>(stored),
            "DateTimeOffset" => column.DecryptScalar<DateTimeOffset>(stored),
            _ => Convert.ToBase64String(column.DecryptBytes(Convert.FromBase64String(stored))),
        };
        Assert.Equal(expected, actual);
        if (actual is DateTime time)
        {
            Assert.Equal(((DateTime)expected).Kind, time.Kind);
        }

        if (actual is DateTimeOffset offset)
        {
            Assert.Equal(((DateTimeOffset)expected).Offset, offset.Offset);
        }
    }

    /// <summary>A key store holding exactly the vector's key.</summary>
    private sealed class FixedKeyStore(DataKeyRecord record) : IKeyStore
    {
        public Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<DataKeyRecord>>([record]);

        public Task<DataKeyRecord> AddAsync(DataKeyRecord key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>The vectors publish their keys in clear: "unwrapping" returns them as they are.</summary>
    private sealed class UnwrappedKeys : IKeyWrapper
    {
        public byte[] Wrap(ReadOnlySpan<byte> key) => key.ToArray();

        public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => wrappedKey.ToArray();
    }
}
