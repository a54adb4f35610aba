using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace DataGuard.Testing;

/// <summary>Ways a person, an identity provider or a database writes one subject id, for property-based tests of the
/// one canonical spelling: every spelling here names the same subject as the canonical text.</summary>
internal static class SubjectSpellings
{
    /// <summary>Spellings of a Guid that <see cref="Guid.TryParse(string?, out Guid)"/> reads: case, hyphens, braces,
    /// parentheses, the hex-struct form, surrounding white space (EF Core's SQLite provider stores the upper-case form).</summary>
    public static string[] Of(Guid id) =>
    [
        id.ToString("D"),
        id.ToString("D").ToUpperInvariant(),
        id.ToString("N"),
        id.ToString("N").ToUpperInvariant(),
        id.ToString("B"),
        id.ToString("B").ToUpperInvariant(),
        id.ToString("P"),
        id.ToString("X"),
        " " + id.ToString("D") + " ",
        "\t" + id.ToString("D").ToUpperInvariant(),
        MixedCase(id.ToString("D")),
    ];

    /// <summary>Spellings of a number: leading zeros, a plus sign, surrounding white space.</summary>
    public static string[] Of(long number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        var digits = Math.Abs((decimal)number).ToString(CultureInfo.InvariantCulture);
        var sign = number < 0 ? "-" : "";
        List<string> spellings = [text, sign + "000" + digits, " " + text + " ", text + "\n", sign + "0" + digits];
        if (number >= 0)
        {
            spellings.Add("+" + text);
            spellings.Add("+00" + text);
        }

        return [.. spellings];
    }

    /// <summary>Texts that no Guid subject can have: a Guid subject model refuses them.</summary>
    public static string[] NotAGuid(Guid id) =>
    [
        id.ToString("D")[1..],
        id.ToString("D") + "0",
        id.ToString("N")[..31] + "g",
        "ana",
        "007",
        id.ToString("D").Replace('-', '_'),
    ];

    /// <summary>Texts that no int subject can have.</summary>
    public static string[] NotAnInt(int number) =>
    [
        number.ToString(CultureInfo.InvariantCulture) + ".0",
        number.ToString(CultureInfo.InvariantCulture) + "e0",
        "0x" + number.ToString("x", CultureInfo.InvariantCulture),
        "1,000",
        "ana",
        ((long)int.MaxValue + 1 + Math.Abs((long)number)).ToString(CultureInfo.InvariantCulture),
    ];

    public static Arbitrary<Guid> Guids => Arb.From(Gen.Fresh(Guid.NewGuid));

    /// <summary>A spelling index and a second one, to write an id one way and read it another.</summary>
    public static Arbitrary<(int First, int Second)> Pairs => Arb.From(Gen.Choose(0, 100).Two().Select(static p => (p.Item1, p.Item2)));

    private static string MixedCase(string text) => string.Concat(text.Select(static (c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
}
