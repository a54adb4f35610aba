using System.Globalization;

namespace DataGuard.Masking;

/// <summary>Counts and slices by text element (grapheme cluster, UAX #29) so a mask never splits a surrogate pair or
/// separates a base character from its combining marks.</summary>
internal static class TextElements
{
    /// <summary>The length of the first text element. Two ASCII characters are always separate elements except CR LF
    /// (UAX #29 GB3; every rule that joins characters involves a non-ASCII one), so the common case skips the full
    /// segmentation, which costs tens of nanoseconds per element.</summary>
    public static int NextLength(ReadOnlySpan<char> text)
    {
        if (text.Length >= 2)
        {
            var (first, second) = (text[0], text[1]);
            if ((first | second) < 0x80 && !(first == '\r' && second == '\n'))
            {
                return 1;
            }
        }
        else if (text.Length == 1)
        {
            return 1;
        }

        return StringInfo.GetNextTextElementLength(text);
    }

    /// <summary>Whether every char is its own text element: ASCII without CR (vectorised check), the common case for
    /// e-mail addresses, card numbers and ids.</summary>
    public static bool IsSimple(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text) && !text.Contains('\r');

    public static int Count(ReadOnlySpan<char> text)
    {
        if (IsSimple(text))
        {
            return text.Length;
        }

        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[NextLength(text)..];
            count++;
        }

        return count;
    }

    /// <summary>The number of chars taken by the first <paramref name="elements"/> text elements.</summary>
    public static int PrefixLength(ReadOnlySpan<char> text, int elements)
    {
        if (IsSimple(text))
        {
            return Math.Min(elements, text.Length);
        }

        var length = 0;
        for (var i = 0; i < elements && length < text.Length; i++)
        {
            length += NextLength(text[length..]);
        }

        return length;
    }
}
