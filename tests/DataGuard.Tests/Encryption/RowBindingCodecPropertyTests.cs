using DataGuard.Encryption;
using DataGuard.Keys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Encryption;

/// <summary>The field format with row binding: the associated data binds the row too, and the flags say so.</summary>
public sealed class RowBindingCodecPropertyTests : IDisposable
{
    private static readonly Gen<string> Rows = Gen.Elements("1", "2", "10", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "a\0b", "a");

    private readonly TestKeyRing _ring = new(o => o.Encryption.SubjectKeys = true);

    public void Dispose() => _ring.Dispose();

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
}
