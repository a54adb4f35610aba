using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Partial"/>: the first <c>keepFirst</c> and last <c>keepLast</c> text elements around the
/// placeholder (<c>An***a</c>). A value with no more elements than would be kept shows only the placeholder, so a mask
/// never reveals a whole value; the placeholder has a fixed length so the value's length does not show either.</summary>
internal sealed class PartialMasker(string placeholder, int keepFirst, int keepLast) : IMasker
{
    public int KeepFirst { get; } = keepFirst;

    public int KeepLast { get; } = keepLast;

    public int GetMaskedLength(ReadOnlySpan<char> value)
    {
        Measure(value, out var head, out var tail);
        return head + placeholder.Length + tail;
    }

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        Measure(value, out var head, out var tail);
        var length = head + placeholder.Length + tail;
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        value[..head].CopyTo(destination);
        placeholder.CopyTo(destination[head..]);
        value[(value.Length - tail)..].CopyTo(destination[(head + placeholder.Length)..]);
        charsWritten = length;
        return true;
    }

    private void Measure(ReadOnlySpan<char> value, out int head, out int tail)
    {
        var count = TextElements.Count(value);
        if (count <= KeepFirst + KeepLast)
        {
            head = tail = 0;
            return;
        }

        head = TextElements.PrefixLength(value, KeepFirst);
        tail = value.Length - TextElements.PrefixLength(value, count - KeepLast);
    }
}
