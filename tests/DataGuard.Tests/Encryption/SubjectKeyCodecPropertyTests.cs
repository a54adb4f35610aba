using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>The field format in subject-key mode: the associated data binds entity, property and subject.</summary>
/// <summary>Run through every engine: <see cref="Bcl"/> and <see cref="Libsodium"/>.</summary>
public abstract class SubjectKeyCodecPropertyTests(CipherEngine engine) : IDisposable
{
    public sealed class Bcl() : SubjectKeyCodecPropertyTests(CipherEngine.Bcl);

    public sealed class Libsodium() : SubjectKeyCodecPropertyTests(CipherEngine.Libsodium);

    private static readonly Gen<string> Subjects = Gen.Elements("1", "42", "ana", Guid.NewGuid().ToString(), "ção/ü", new string('x', SubjectId.MaxLength));

    private readonly TestKeyRing _ring = new(engine, o => o.Encryption.SubjectKeys = true);

    public void Dispose()
    {
        _ring.Dispose();
        GC.SuppressFinalize(this);
    }

    private SubjectKeyRing Subjectkeys => _ring.Services.GetRequiredService<SubjectKeyRing>();

    private KeyEntry KeyOf(string subject)
        => Subjectkeys.ResolveForWriteAsync([subject], CancellationToken.None).GetAwaiter().GetResult()[subject].Key!;

    [Property(MaxTest = 200)]
    public Property Strings_and_bytes_round_trip_under_the_subjects_key() =>
        Prop.ForAll(Arb.From(Subjects), Arb.From(ArbMap.Default.GeneratorFor<string>()), Arb.From(ArbMap.Default.GeneratorFor<byte[]>()),
            (subject, text, bytes) =>
        {
            text ??= "";
            bytes ??= [];
            var key = KeyOf(subject);
            var column = _ring.Column("Patient", "Email");
            var stored = column.EncryptString(text, key, subject);
            var header = FieldFormat.TryReadTextHeader(stored, out _, out var flags, out var keyId);
            return header && flags == FieldFlags.SubjectKey && keyId == key.Id
                   && column.DecryptString(stored, key, subject) == text
                   && column.DecryptBytes(column.EncryptBytes(bytes, key, subject), key, subject).AsSpan().SequenceEqual(bytes);
        });

    [Property(MaxTest = 200)]
    public Property A_value_moved_to_another_subject_fails() =>
        Prop.ForAll(Arb.From(Subjects.Two().Where(static p => p.Item1 != p.Item2)), Arb.From(ArbMap.Default.GeneratorFor<NonEmptyString>()), (pair, value) =>
        {
            var (owner, other) = pair;
            var column = _ring.Column("Patient", "Email");
            var secret = "secret:" + value.Get;
            var stored = column.EncryptString(secret, KeyOf(owner), owner);

            // Under the other subject's key: the key id names another key.
            var moved = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored, KeyOf(other), other));
            // Under the right key but claimed by another subject: the associated data differs.
            var relabelled = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(stored, KeyOf(owner), other));
            return moved.KeyId == KeyOf(owner).Id && moved.Message.Contains("another subject", StringComparison.Ordinal)
                   && relabelled.Property == "Email" && !relabelled.Message.Contains(secret, StringComparison.Ordinal);
        });

    [Property(MaxTest = 100)]
    public Property Any_flipped_bit_or_truncation_is_detected() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 63).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length))),
            Arb.From(Gen.Choose(0, int.MaxValue)), (plain, seed) =>
        {
            var key = KeyOf("ana");
            var column = _ring.Column("Patient", "Photo");
            var stored = column.EncryptBytes(plain, key, "ana");
            var flipped = stored.ToArray();
            var bit = seed % (stored.Length * 8);
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var truncated = stored[..(seed % stored.Length)];
            Assert.Throws<DataGuardCryptoException>(() => column.DecryptBytes(flipped, key, "ana"));
            Assert.Throws<DataGuardCryptoException>(() => column.DecryptBytes(truncated, key, "ana"));
            return true;
        });

    [Fact]
    public void A_ring_key_value_is_not_read_as_a_subject_value()
    {
        var column = _ring.Column("Patient", "Email");
        var ex = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(column.EncryptString("ana@example.com"), KeyOf("ana"), "ana"));
        Assert.Contains("flags", ex.Message, StringComparison.Ordinal);
    }
}
