using DataGuard.Encryption;
using DataGuard.Keys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>The field format with row binding: the associated data binds the row too, and the flags say so. Run through
/// every engine: <see cref="Bcl"/> and <see cref="Libsodium"/>.</summary>
public abstract class RowBindingCodecPropertyTests(CipherEngine engine) : IDisposable
{
    public sealed class Bcl() : RowBindingCodecPropertyTests(CipherEngine.Bcl);

    public sealed class Libsodium() : RowBindingCodecPropertyTests(CipherEngine.Libsodium);

    private static readonly Gen<string> Rows = Gen.Elements("1", "2", "10", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "a\0b", "a");

    private readonly TestKeyRing _ring = new(engine, o => o.Encryption.SubjectKeys = true);

    public void Dispose()
    {
        _ring.Dispose();
        GC.SuppressFinalize(this);
    }

    private KeyEntry KeyOf(string subject)
        => _ring.Services.GetRequiredService<SubjectKeyRing>().ResolveForWriteAsync([subject], CancellationToken.None).GetAwaiter().GetResult()[subject].Key!;

    [Property(MaxTest = 200)]
    public Property A_value_moved_to_another_row_of_the_subject_fails() =>
        Prop.ForAll(Arb.From(Rows.Two().Where(static p => p.Item1 != p.Item2)), Arb.From(ArbMap.Default.GeneratorFor<NonEmptyString>()), (pair, value) =>
        {
            var (row, other) = pair;
            var key = KeyOf("ana");
            var column = _ring.Column("LabResult", "Result");
            var stored = column.EncryptString(value.Get, key, "ana", row);

            var read = column.DecryptString(stored, key, "ana", row);
            var moved = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored, key, "ana", other));
            var unbound = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored, key, "ana"));
            return read == value.Get
                   && FieldFormat.TryReadTextHeader(stored, out _, out var flags, out _) && flags == (FieldFlags.SubjectKey | FieldFlags.RowBound)
                   && moved.Message.Contains("failed authentication", StringComparison.Ordinal)
                   && unbound.Message.Contains("flags 3", StringComparison.Ordinal);
        });

    [Property(MaxTest = 200)]
    public Property A_ring_value_moved_to_another_row_fails() =>
        Prop.ForAll(Arb.From(Rows.Two().Where(static p => p.Item1 != p.Item2)), Arb.From(ArbMap.Default.GeneratorFor<NonEmptyString>()), (pair, value) =>
        {
            var (row, other) = pair;
            var column = _ring.Column("Dossier", "Summary");
            var stored = column.EncryptString(value.Get, row);
            var bytes = column.EncryptBytes(System.Text.Encoding.UTF8.GetBytes(value.Get), row);

            var moved = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored, other));
            var unbound = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored));
            Assert.Throws<DataGuardCryptoException>(() => column.DecryptBytes(bytes, other));
            return column.DecryptString(stored, row) == value.Get
                   && System.Text.Encoding.UTF8.GetString(column.DecryptBytes(bytes, row)) == value.Get
                   && FieldFormat.TryReadTextHeader(stored, out _, out var flags, out _) && flags == FieldFlags.RowBound
                   && moved.Message.Contains("failed authentication", StringComparison.Ordinal)
                   && unbound.Message.Contains("flags 2", StringComparison.Ordinal);
        });

    /// <summary>format.md, section 3: a row-bound ring value's associated data is the header, the column, an empty
    /// subject and the row, each after a zero byte; a bare AES-GCM decrypts it with exactly that.</summary>
    [Fact]
    public void A_row_bound_ring_value_decrypts_with_a_bare_aes_gcm_and_the_documented_associated_data()
    {
        var column = _ring.Column("Dossier", "Summary");
        var row = "5e1a0000-0000-4000-8000-000000000001";
        var raw = Convert.FromBase64String(column.EncryptString("chronic back pain", row)[FieldFormat.TextPrefix.Length..]);
        Assert.True(FieldFormat.TryReadHeader(raw, out _, out var flags, out var keyId));
        Assert.Equal(FieldFlags.RowBound, flags);

        var ad = raw[..6].Concat(System.Text.Encoding.UTF8.GetBytes("DataGuard.Field.v1\0Dossier\0Summary\0\0" + row)).ToArray();
        var plain = new byte[raw.Length - FieldFormat.Overhead];
        using var aes = new System.Security.Cryptography.AesGcm(_ring.Encryptor.Ring.Find(keyId)!.Material, FieldFormat.TagSize);
        aes.Decrypt(raw.AsSpan(6, 12), raw.AsSpan(18, plain.Length), raw.AsSpan(raw.Length - 16), plain, ad);

        Assert.Equal("chronic back pain", System.Text.Encoding.UTF8.GetString(plain));
    }
}
