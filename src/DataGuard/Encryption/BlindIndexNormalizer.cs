using System.Text;

namespace DataGuard.Encryption;

/// <summary>
/// Blind-index normalisation, rule version 2 (documented in docs/encryption.md, "Searching encrypted columns"), applied
/// in this order so that the usual spellings of one value give one index:
/// <list type="number">
/// <item>remove default-ignorable code points (Unicode's <c>Default_Ignorable_Code_Point</c>: zero-width space and
/// joiners, soft hyphen, BOM, bidi controls, variation selectors, tags);</item>
/// <item>Unicode normalisation form KC (composed and decomposed "é" agree, full-width "Ａ" is "A", "ﬁ" is "fi");</item>
/// <item>when case folding is on, full case folding for the invariant culture: lower case, plus the full foldings .NET's
/// lower-casing lacks ("ß" and "ẞ" to "ss", final "ς" to "σ") and "İ" to "i" (not Turkic-specific: "I" also folds to
/// "i"), then form KC again;</item>
/// <item>when trimming is on, removal of leading and trailing white space.</item>
/// </list>
/// Changing this rule changes <see cref="Version"/>; stored indexes name the version they were computed with.
/// </summary>
internal static class BlindIndexNormalizer
{
    /// <summary>The rule version, stored in the first byte of every index value (with the options).</summary>
    public const int Version = 2;

    public static string Normalize(ReadOnlySpan<char> value, bool trim, bool caseFold)
    {
        var text = RemoveIgnorable(value);
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        if (caseFold)
        {
            text = Fold(text);
            if (!text.IsNormalized(NormalizationForm.FormKC))
            {
                text = text.Normalize(NormalizationForm.FormKC);
            }
        }

        return trim ? text.Trim() : text;
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case 'ß' or 'ẞ':
                    builder.Append("ss");
                    break;
                case 'ς':
                    builder.Append('σ');
                    break;
                case 'İ':
                    builder.Append('i');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString().ToLowerInvariant();
    }

    private static string RemoveIgnorable(ReadOnlySpan<char> value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            int codePoint = value[i];
            var width = 1;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(value[i], value[i + 1]);
                width = 2;
            }

            if (!IsDefaultIgnorable(codePoint))
            {
                builder.Append(value.Slice(i, width));
            }

            i += width - 1;
        }

        return builder.ToString();
    }

    /// <summary>Unicode 16's <c>Default_Ignorable_Code_Point</c> (DerivedCoreProperties.txt).</summary>
    private static bool IsDefaultIgnorable(int c) => c switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="value"/> is ASCII only, where the rule is exactly trimming and lower-casing.</summary>
    public static bool IsAscii(ReadOnlySpan<char> value) => System.Text.Ascii.IsValid(value);
}
