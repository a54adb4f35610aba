using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditValueChangeCodecTests
{
    private static readonly Gen<string?> Values = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Elements<string?>("", "***", "a***@example.com", "**** **** **** 4444", "\"quoted\" \\ back", "ü€𝄞", "\u0000\u001f", "[[\"x\"]]"),
        ArbMap.Default.GeneratorFor<string>().Select(s => (string?)s));

    [Property(MaxTest = 200)]
    public Property Masked_values_round_trip_exactly()
    {
        var change = from property in Gen.Elements("Email", "Name", "CardNumber", "Ünïcode")
                     from oldValue in Values
                     from newValue in Values
                     select new AuditValueChange(property, oldValue, newValue);
        return Prop.ForAll(Arb.From(Gen.NonEmptyListOf(change)), changes =>
        {
            var read = AuditValueChangeCodec.Parse(AuditValueChangeCodec.Serialize(changes), 1)!;
            return read.Select(c => (c.Property, c.OldValue, c.NewValue)).SequenceEqual(changes.Select(c => (c.Property, c.OldValue, c.NewValue)));
        });
    }

    [Fact]
    public void No_changes_are_stored_as_null()
    {
        Assert.Null(AuditValueChangeCodec.Serialize(null));
        Assert.Null(AuditValueChangeCodec.Serialize([]));
        Assert.Null(AuditValueChangeCodec.Parse(null, 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("[[\"Email\",null,\"b***\"]")]
    [InlineData("[[\"Email\",null,\"b***\"]]x")]
    [InlineData("[[\"Email\",null]]")]
    [InlineData("[[\"Email\",null,\"b\",\"c\"]]")]
    [InlineData("[[null,null,\"b\"]]")]
    [InlineData("[[\"\",null,\"b\"]]")]
    [InlineData("[[\"Email\",1,\"b\"]]")]
    [InlineData("[[\"Email\",[\"a\"],\"b\"]]")]
    [InlineData("[\"Email\",null,\"b\"]")]
    [InlineData("{\"Email\":[null,\"b\"]}")]
    [InlineData("null")]
    [InlineData("[[\"Email\",null,\"b\u0000")]
    public void Damaged_text_is_a_clear_audit_error_naming_only_the_entry(string stored)
    {
        var ex = Assert.Throws<DataGuardAuditException>(() => AuditValueChangeCodec.Parse(stored, 42));
        Assert.Equal("The masked values of audit entry 42 are damaged; verify the chain.", ex.Message);
    }

    [Fact]
    public void Flipped_bits_and_truncations_never_escape_as_another_exception()
    {
        var stored = AuditValueChangeCodec.Serialize([new AuditValueChange("Email", "a***@example.com", "b***@example.com"),
            new AuditValueChange("Name", "***", null)])!;
        for (var length = 0; length < stored.Length; length++)
        {
            Assert.Throws<DataGuardAuditException>(() => AuditValueChangeCodec.Parse(stored[..length], 1));
        }

        for (var i = 0; i < stored.Length; i++)
        {
            for (var bit = 0; bit < 7; bit++)
            {
                var flipped = stored[..i] + (char)(stored[i] ^ (1 << bit)) + stored[(i + 1)..];
                try
                {
                    // Some flips stay well-formed (a letter inside a value): those must still parse into three fields.
                    Assert.All(AuditValueChangeCodec.Parse(flipped, 1)!, c => Assert.False(string.IsNullOrEmpty(c.Property)));
                }
                catch (DataGuardAuditException)
                {
                }
            }
        }
    }

    [Fact]
    public void Huge_and_deeply_nested_text_is_refused_or_read_without_blowing_up()
    {
        var huge = AuditValueChangeCodec.Serialize([new AuditValueChange("Notes", null, new string('*', 4_000_000))])!;
        Assert.Equal(4_000_000, AuditValueChangeCodec.Parse(huge, 1)![0].NewValue!.Length);
        Assert.Throws<DataGuardAuditException>(() => AuditValueChangeCodec.Parse(new string('[', 100_000), 1));
    }
}
