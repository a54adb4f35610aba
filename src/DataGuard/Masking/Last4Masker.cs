using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>
/// <see cref="MaskStyle.Last4"/>: every text element becomes <c>*</c> except separators (space, <c>-</c>, <c>.</c>,
/// <c>/</c>, <c>(</c>, <c>)</c>, <c>+</c>) and the last four others, so cards, IBANs and phone numbers keep their shape
/// (<c>**** **** **** 1111</c>). At most half of the non-separator elements are shown, so a short value is never shown
/// whole; a value with nothing to keep shows only the placeholder.
/// </summary>
internal sealed class Last4Masker(string placeholder) : IMasker
{
    private const int Shown = 4;

    public int GetMaskedLength(ReadOnlySpan<char> value)
    {
        var significant = 0;
        var simple = TextElements.IsSimple(value);
        var shownFrom = ShownFrom(value, simple, out var total);
        if (total == 0)
        {
            return placeholder.Length;
        }

        if (simple)
        {
            return value.Length;
        }

        var length = 0;
        var rest = value;
        while (!rest.IsEmpty)
        {
            var n = simple ? 1 : TextElements.NextLength(rest);
            if (IsSeparator(rest[..n]))
            {
                length += n;
            }
            else
            {
                length += significant++ >= shownFrom ? n : 1;
            }

            rest = rest[n..];
        }

        return length;
    }

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        // The output is never longer than the value (or the placeholder), so measuring is needed only when the
        // destination is shorter than that.
        if (destination.Length < Math.Max(value.Length, placeholder.Length) && destination.Length < GetMaskedLength(value))
        {
            charsWritten = 0;
            return false;
        }

        var simple = TextElements.IsSimple(value);
        var shownFrom = ShownFrom(value, simple, out var total);
        if (total == 0)
        {
            placeholder.CopyTo(destination);
            charsWritten = placeholder.Length;
            return true;
        }

        var significant = 0;
        if (simple)
        {
            // Every char is an element: mask in one pass without slicing.
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                destination[i] = IsSeparator(c) || significant++ >= shownFrom ? c : '*';
            }

            charsWritten = value.Length;
            return true;
        }

        var at = 0;
        var rest = value;
        while (!rest.IsEmpty)
        {
            var n = simple ? 1 : TextElements.NextLength(rest);
            var element = rest[..n];
            if (IsSeparator(element) || significant++ >= shownFrom)
            {
                element.CopyTo(destination[at..]);
                at += n;
            }
            else
            {
                destination[at++] = '*';
            }

            rest = rest[n..];
        }

        charsWritten = at;
        return true;
    }

    /// <summary>The index (among non-separator elements) of the first one shown.</summary>
    private static int ShownFrom(ReadOnlySpan<char> value, bool simple, out int total)
    {
        total = 0;
        if (simple)
        {
            foreach (var c in value)
            {
                total += IsSeparator(c) ? 0 : 1;
            }

            return total - Math.Min(Shown, total / 2);
        }

        while (!value.IsEmpty)
        {
            var n = simple ? 1 : TextElements.NextLength(value);
            if (!IsSeparator(value[..n]))
            {
                total++;
            }

            value = value[n..];
        }

        return total - Math.Min(Shown, total / 2);
    }

    internal static bool IsSeparator(ReadOnlySpan<char> element) => element.Length == 1 && IsSeparator(element[0]);

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '/' or '(' or ')' or '+';
}
