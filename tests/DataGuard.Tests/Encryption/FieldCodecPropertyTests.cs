using DataGuard.Encryption;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Encryption;

/// <summary>Run through every engine: <see cref="Bcl"/> and <see cref="Libsodium"/>.</summary>
public abstract class FieldCodecPropertyTests(CipherEngine engine) : IDisposable
{
    public sealed class Bcl() : FieldCodecPropertyTests(CipherEngine.Bcl);

    public sealed class Libsodium() : FieldCodecPropertyTests(CipherEngine.Libsodium);

    private readonly TestKeyRing _ring = new(engine);

    public void Dispose()
    {
        _ring.Dispose();
        GC.SuppressFinalize(this);
    }

    [Property(MaxTest = 300)]
    public bool Strings_round_trip(string? value)
    {
        var text = value ?? "";
        var column = _ring.Column();
        var stored = column.EncryptString(text);
        return stored.StartsWith("dg:", StringComparison.Ordinal) && column.DecryptString(stored) == text;
    }

    [Property(MaxTest = 300)]
    public bool Byte_arrays_round_trip(byte[] value)
    {
        var column = _ring.Column("Customer", "Photo");
        return column.DecryptBytes(column.EncryptBytes(value)).AsSpan().SequenceEqual(value);
    }

    [Property(MaxTest = 100)]
    public bool Scalars_round_trip(int i, long l, bool b, decimal d, Guid g, DateTime dt, DateTimeOffset dto)
    {
        var c = _ring.Column("Customer", "Scalar");
        var date = DateOnly.FromDateTime(dt);
        return c.DecryptScalar<int>(c.EncryptScalar(i)) == i
               && c.DecryptScalar<long>(c.EncryptScalar(l)) == l
               && c.DecryptScalar<bool>(c.EncryptScalar(b)) == b
               && c.DecryptScalar<decimal>(c.EncryptScalar(d)) == d
               && c.DecryptScalar<Guid>(c.EncryptScalar(g)) == g
               && c.DecryptScalar<DateOnly>(c.EncryptScalar(date)) == date
               && c.DecryptScalar<DateTime>(c.EncryptScalar(dt)) == dt
               && c.DecryptScalar<DateTimeOffset>(c.EncryptScalar(dto)) is var back && back == dto && back.Offset == dto.Offset;
    }

    [Property(MaxTest = 300)]
    public Property Any_flipped_bit_is_detected() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 63).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length))),
            Arb.From(Gen.Choose(0, int.MaxValue)), (plain, seed) =>
        {
            var column = _ring.Column("Customer", "Photo");
            var stored = column.EncryptBytes(plain);
            var bit = seed % (stored.Length * 8);
            stored[bit / 8] ^= (byte)(1 << (bit % 8));
            var ex = Assert.Throws<DataGuardCryptoException>(() => column.DecryptBytes(stored));
            return ex.Entity == "Customer" && ex.Property == "Photo";
        });

    [Property(MaxTest = 200)]
    public bool Any_truncation_of_the_text_form_is_detected(NonEmptyString value, int cut)
    {
        var column = _ring.Column();
        var stored = column.EncryptString(value.Get);
        var length = Math.Abs(cut % stored.Length);
        try
        {
            column.DecryptString(stored[..length]);
            return false;
        }
        catch (DataGuardCryptoException)
        {
            return true;
        }
    }

    [Property(MaxTest = 200)]
    public bool A_value_moved_to_another_column_fails(NonEmptyString value)
    {
        var secret = "secret:" + value.Get;
        var stored = _ring.Column("Customer", "Email").EncryptString(secret);
        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column("Customer", "Name").DecryptString(stored));
        var ex2 = Assert.Throws<DataGuardCryptoException>(() => _ring.Column("Supplier", "Email").DecryptString(stored));
        return ex.Message.Contains("Customer.Name", StringComparison.Ordinal)
               && ex2.Message.Contains("Supplier.Email", StringComparison.Ordinal)
               && !ex.Message.Contains(secret, StringComparison.Ordinal);
    }
}
