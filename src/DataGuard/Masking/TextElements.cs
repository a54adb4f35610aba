using System.Globalization;

namespace DataGuard.Masking;

/// <summary>Counts and slices by text element (grapheme cluster, UAX #29) so a mask never splits a surrogate pair or
/// separates a base character from its combining marks.</summary>
internal static class TextElements
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }

        return count;
    }

    /// <summary>The number of chars taken by the first <paramref name="elements"/> text elements.</summary>
    public static int PrefixLength(ReadOnlySpan<char> text, int elements)
    {
        var length = 0;
        for (var i = 0; i < elements && length < text.Length; i++)
        {
            length += StringInfo.GetNextTextElementLength(text[length..]);
        }

        return length;
    }
}
