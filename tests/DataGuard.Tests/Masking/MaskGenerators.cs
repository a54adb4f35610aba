using FsCheck;
using FsCheck.Fluent;

namespace DataGuard.Tests.Masking;

/// <summary>Values built from whole text elements, including surrogate pairs, combining sequences, emoji with skin-tone
/// modifiers and separators, and never the mask character '*', so that what a mask reveals can be counted.</summary>
internal static class MaskGenerators
{
    public static readonly string[] Elements =
    [
        "a", "Z", "7", "0", "ß", "中", "e\u0301", "n\u0303\u0323", "😀", "👍🏽", "𝔸", "🇵🇹",
        " ", "-", ".", "/", "+", "(", ")", "@", "_", "\r", "\n", "\r\n",
    ];

    private static readonly string[] LocalElements = ["a", "b", "Z", "9", ".", "_", "+", "é", "😀", "中"];
    private static readonly string[] DomainElements = ["a", "b", "x", "0", "-", "ü"];

    public static Gen<string[]> ElementArrays(int maxLength, params string[] extra) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.Elements([.. Elements, .. extra]).ArrayOf(n));

    public static Arbitrary<string[]> Text(int maxLength = 40) => Arb.From(ElementArrays(maxLength));

    /// <summary>Also orphan combining marks and joiners, which attach to whatever precedes them.</summary>
    public static Arbitrary<string[]> TextWithOrphans(int maxLength = 40) => Arb.From(ElementArrays(maxLength, "\u0301", "\u200D", "\uFE0F"));

    public static Arbitrary<(string[] Local, string[] Domain, string[] Tld)> Emails() => Arb.From(
        from localLength in Gen.Choose(0, 12)
        from local in Gen.Elements(LocalElements).ArrayOf(localLength)
        from domainLength in Gen.Choose(1, 10)
        from domain in Gen.Elements(DomainElements).ArrayOf(domainLength)
        from tld in Gen.Elements(new[] { "com" }, ["pt"], ["de"], ["co", ".", "uk"], ["中国"])
        select (local, domain, tld));

    /// <summary>Whether a string is well-formed UTF-16 (no lone surrogate).</summary>
    public static bool IsWellFormed(string text)
        => System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _,
            replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;
}
