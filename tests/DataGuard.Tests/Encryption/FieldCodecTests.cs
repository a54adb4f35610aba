using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>Run through every engine: <see cref="Bcl"/> and <see cref="Libsodium"/>.</summary>
public abstract class FieldCodecTests(CipherEngine engine) : IDisposable
{
    public sealed class Bcl() : FieldCodecTests(CipherEngine.Bcl);

    public sealed class Libsodium() : FieldCodecTests(CipherEngine.Libsodium);

    private const string Secret = "ana.silva@example.com";
    private readonly TestKeyRing _ring = new(engine);

    public void Dispose()
    {
        _ring.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Flip(string stored, int byteIndex, byte mask)
    {
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[byteIndex] ^= mask;
        return "dg:" + Convert.ToBase64String(bytes);
    }

    [Fact]
    public void The_stored_form_names_version_and_key_and_never_repeats()
    {
        var column = _ring.Column();
        var first = column.EncryptString(Secret);
        var second = column.EncryptString(Secret);

        Assert.NotEqual(first, second);
        var bytes = Convert.FromBase64String(first[3..]);
        Assert.Equal(FieldFormat.Version1, bytes[0]);
        Assert.Equal(_ring.Encryptor.Ring.ActiveKey.Id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(2)));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Secret) + FieldFormat.Overhead, bytes.Length);
        Assert.StartsWith(_ring.Encryptor.Ring.ActiveKey.TextHeader, first, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_version_is_named()
    {
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(Flip(_ring.Column().EncryptString(Secret), 0, 0x02)));
        Assert.Equal("Customer.Email: the stored value has format version 3, which this version of DataGuard does not read.", ex.Message);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        var stored = Flip(_ring.Column().EncryptString(Secret), 5, 0x40);
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored));
        Assert.Equal(ex.KeyId, _ring.Encryptor.Ring.ActiveKey.Id ^ 0x40);
        Assert.Equal($"Customer.Email: key {ex.KeyId} is not in the key store (missing or retired).", ex.Message);
    }

    [Fact]
    public void A_value_from_another_key_ring_fails_authentication_without_revealing_it()
    {
        using var other = new TestKeyRing(engine);
        var stored = other.Column().EncryptString(Secret);
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored));
        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dg:")]
    [InlineData("dg:AQ==")]
    [InlineData("dg:not base64!")]
    [InlineData("ana@example.com")]
    public void Empty_short_garbled_or_foreign_text_fails_clearly(string stored)
    {
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored));
        Assert.StartsWith("Customer.Email: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('é')]
    [InlineData('*')]
    [InlineData(' ')]
    [InlineData('\0')]
    public void A_stored_value_whose_body_is_not_base64_fails_clearly(char bad)
    {
        var stored = _ring.Column().EncryptString("ana@example.com").ToCharArray();
        stored[^6] = bad; // past the header, which is read first
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(new string(stored)));
        Assert.Contains("not valid base64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(new string(stored[..^1])));
    }

    [Fact]
    public void A_huge_garbage_value_fails_clearly()
    {
        var huge = "dg:" + Convert.ToBase64String(new byte[4 * 1024 * 1024]);
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(huge));
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptBytes(new byte[4 * 1024 * 1024]));
    }

    [Fact]
    public void Large_values_round_trip_through_pooled_buffers()
    {
        var large = new string('é', 100_000);
        Assert.Equal(large, _ring.Column().DecryptString(_ring.Column().EncryptString(large)));
    }

    [Fact]
    public void Legacy_plaintext_is_read_only_in_migration_mode()
    {
        using var migrating = new TestKeyRing(engine, o => o.Encryption.ReadLegacyPlaintext = true);
        Assert.Equal("ana@example.com", migrating.Column().DecryptString("ana@example.com"));
        Assert.Equal(42, migrating.Column().DecryptScalar<int>("42"));
        Assert.Equal([1, 2, 3], migrating.Column().DecryptBytes([1, 2, 3]));

        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString("ana@example.com"));
        Assert.Contains("ReadLegacyPlaintext", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_keeps_old_values_readable()
    {
        var column = _ring.Column();
        var before = column.EncryptString(Secret);
        var oldKey = _ring.Encryptor.Ring.ActiveKey.Id;

        var rotated = await _ring.Keys.RotateAsync();
        var after = column.EncryptString(Secret);

        Assert.NotEqual(oldKey, rotated.Id);
        Assert.StartsWith(FieldFormat.TextHeader(FieldFlags.RingKey, rotated.Id), after, StringComparison.Ordinal);
        Assert.Equal(Secret, column.DecryptString(before));
        var keys = await _ring.Keys.ListAsync();
        Assert.Equal(DataKeyStatus.DecryptOnly, keys.Single(k => k.Id == oldKey).Status);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _ring.Keys.RetireAsync(rotated.Id));
        Assert.Equal(Secret, column.DecryptString(after));
    }

    [Fact]
    public async Task Stored_keys_are_wrapped()
    {
        var records = await _ring.Store.GetAllAsync();
        Assert.Equal([DataKeyKind.Data, DataKeyKind.BlindIndex], records.Select(k => k.Kind));
        Assert.All(records, r => Assert.NotEqual(32, r.WrappedKey!.Length));
    }

    [Fact]
    public void Blind_indexes_are_per_column_and_normalised()
    {
        var email = _ring.Encryptor.BlindIndex("Customer", "Email");
        Assert.Equal(email.Compute("Ana@Example.com "), email.Compute("ana@example.com"));
        Assert.NotEqual(email.Compute("ana@example.com"), email.Compute("ana@example.org"));
        Assert.NotEqual(email.Compute("ana@example.com"), _ring.Encryptor.BlindIndex("Customer", "BackupEmail").Compute("ana@example.com"));

        using var exact = new TestKeyRing(engine, o => { o.Encryption.BlindIndexCaseFold = false; o.Encryption.BlindIndexTrim = false; });
        var strict = exact.Encryptor.BlindIndex("Customer", "Email");
        Assert.NotEqual(strict.Compute("Ana@example.com"), strict.Compute("ana@example.com"));
    }

    [Fact]
    public void Without_a_key_store_the_error_says_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddDataGuard();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FieldEncryptor>());
        Assert.Contains("needs a key store", ex.Message, StringComparison.Ordinal);
    }
}
