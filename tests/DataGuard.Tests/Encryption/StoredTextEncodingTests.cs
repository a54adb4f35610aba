using DataGuard.Encryption;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Encryption;

/// <summary>The text form has exactly one accepted spelling per value: the stored text is not malleable.</summary>
public sealed class StoredTextEncodingTests : IDisposable
{
    private const string Secret = "ana.silva@example.com";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    private readonly TestKeyRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\t")]
    public void White_space_inserted_into_the_stored_text_is_refused(string inserted)
    {
        var stored = _ring.Column().EncryptString(Secret);
        var altered = stored.Insert(14, inserted);

        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(altered));
        Assert.Contains("canonical base64", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void White_space_appended_to_the_stored_text_is_refused()
    {
        var stored = _ring.Column().EncryptString(Secret);
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored + " "));
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored + "\n"));
    }

    [Fact]
    public void Non_zero_padding_bits_are_refused()
    {
        // 21 + 34 = 55 bytes: 55 % 3 == 1, so the text ends in "x==" and the last character has four unused bits.
        var stored = _ring.Column().EncryptString(Secret);
        Assert.EndsWith("==", stored, StringComparison.Ordinal);
        var last = Alphabet.IndexOf(stored[^3], StringComparison.Ordinal);
        var altered = stored[..^3] + Alphabet[last | 0x01] + "==";
        Assert.NotEqual(stored, altered);
        Assert.Equal(Convert.FromBase64String(stored[3..]), Convert.FromBase64String(altered[3..])); // the BCL accepts it

        var ex = Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(altered));
        Assert.Contains("canonical base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_padding_is_refused()
    {
        var stored = _ring.Column().EncryptString(Secret);
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column().DecryptString(stored.TrimEnd('=')));
    }

    [Fact]
    public void White_space_in_an_encrypted_scalar_is_refused()
    {
        var stored = _ring.Column("Customer", "Age").EncryptScalar(42);
        Assert.Throws<DataGuardCryptoException>(() => _ring.Column("Customer", "Age").DecryptScalar<int>(stored.Insert(12, " ")));
    }

    /// <summary>Any edit of the stored text (insert, delete or replace one character, from the alphabet, white space or
    /// anything) is either refused or is no edit at all: an accepted text re-encodes to itself.</summary>
    [Property(MaxTest = 500)]
    public Property Any_modification_of_the_stored_text_is_refused_or_canonical()
    {
        var characters = Gen.OneOf(Gen.Elements(Alphabet.ToCharArray()), Gen.Elements(' ', '\t', '\r', '\n', '\v', '\f', '-', '_', '.', '\0', '\u00a0'),
            ArbMap.Default.GeneratorFor<char>());
        var edits = Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, int.MaxValue).SelectMany(position => characters.Select(c => (kind, position, c))));
        return Prop.ForAll(Arb.From(edits), ArbMap.Default.ArbFor<NonNull<string>>(), (edit, value) =>
        {
            var column = _ring.Column();
            var stored = column.EncryptString(value.Get);
            var body = stored.Length - FieldFormat.TextPrefix.Length;
            var at = FieldFormat.TextPrefix.Length + (edit.position % (body + (edit.kind == 0 ? 1 : 0)));
            var altered = edit.kind switch
            {
                0 => stored.Insert(at, edit.c.ToString()),
                1 => stored.Remove(at, 1),
                _ => stored[..at] + edit.c + stored[(at + 1)..],
            };

            try
            {
                var read = column.DecryptString(altered);
                var reencoded = FieldFormat.TextPrefix + Convert.ToBase64String(Convert.FromBase64String(altered[FieldFormat.TextPrefix.Length..]));
                return read == value.Get && reencoded == altered && altered == stored;
            }
            catch (DataGuardCryptoException)
            {
                return altered != stored;
            }
        });
    }
}
