using DataGuard.Encryption;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Encryption;

/// <summary>Blind-index normalisation, rule 2: the usual spellings of one value have one index.</summary>
public sealed class BlindIndexNormalizationTests : IDisposable
{
    private readonly TestKeyRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private BlindIndexColumn Email => _ring.Encryptor.BlindIndex("Customer", "Email");

    [Theory]
    [InlineData("jos\u00e9@example.com", "jose\u0301@example.com")] // composed and decomposed é
    [InlineData("\uff21\uff2e\uff21@example.com", "ana@example.com")] // full-width letters
    [InlineData("Stra\u00dfe 1", "STRASSE 1")] // ß folds to ss
    [InlineData("\u1e9e", "ss")] // capital sharp s
    [InlineData("\u0130zmir", "izmir")] // İ (dotted capital I)
    [InlineData("ana\u200b@example.com", "ana@example.com")] // zero-width space
    [InlineData("an\u00ada@example.com", "ana@example.com")] // soft hyphen
    [InlineData("\ufeffana@example.com", "ana@example.com")] // byte-order mark
    [InlineData("\u03bf\u03b4\u03bf\u03c2", "\u039f\u0394\u039f\u03a3")] // final sigma
    [InlineData("\u3000ana@example.com\u00a0", "ana@example.com")] // ideographic and no-break spaces trimmed
    [InlineData("\ufb01le", "file")] // ligature
    public void Usual_spellings_of_one_value_have_one_index(string spelling, string usual)
        => Assert.Equal(Email.Compute(usual), Email.Compute(spelling));

    [Fact]
    public void Different_values_keep_different_indexes()
    {
        Assert.NotEqual(Email.Compute("jose@example.com"), Email.Compute("jos\u00e9@example.com"));
        Assert.NotEqual(Email.Compute("ana@example.com"), Email.Compute("ana@example.org"));
    }

    [Fact]
    public void An_index_names_its_rule_version_and_options_and_other_options_never_match()
    {
        using var exact = new TestKeyRing(o => { o.Encryption.BlindIndexCaseFold = false; o.Encryption.BlindIndexTrim = false; });
        var value = Email.Compute("ana@example.com");

        Assert.Equal(BlindIndexColumn.Size, value.Length);
        Assert.Equal(0x23, value[0]); // rule 2, case folded, trimmed
        Assert.Equal(0x20, exact.Encryptor.BlindIndex("Customer", "Email").Compute("ana@example.com")[0]);
        Assert.NotEqual(value, Email.ComputeLegacy("ana@example.com"));
        Assert.Equal(BlindIndexColumn.LegacySize, Email.ComputeLegacy("ana@example.com").Length);
    }

    /// <summary>The ASCII fast path and the Unicode path are one rule: normalising first changes nothing.</summary>
    [Property(MaxTest = 500)]
    public bool Normalising_first_gives_the_same_index(string? value, bool trim, bool fold)
    {
        using var ring = new TestKeyRing(o => { o.Encryption.BlindIndexTrim = trim; o.Encryption.BlindIndexCaseFold = fold; });
        var column = ring.Encryptor.BlindIndex("Customer", "Email");
        var text = value ?? "";
        return column.Compute(text).AsSpan().SequenceEqual(column.Compute(BlindIndexNormalizer.Normalize(text, trim, fold)));
    }

    [Property(MaxTest = 300)]
    public Property Normalisation_is_idempotent() => Prop.ForAll(
        Arb.From(Gen.OneOf(ArbMap.Default.GeneratorFor<string>(),
            Gen.Elements("Stra\u00dfe", "\u0130", "\uff21", "e\u0301", "\u200b", "\u03c2", "\u1e9e", "\ufb01"))),
        value =>
        {
            var once = BlindIndexNormalizer.Normalize(value ?? "", trim: true, caseFold: true);
            return BlindIndexNormalizer.Normalize(once, trim: true, caseFold: true) == once;
        });
}
