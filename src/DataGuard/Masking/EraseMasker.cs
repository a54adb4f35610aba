namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Erase"/>: a fixed placeholder whatever the value, so not even its length shows.</summary>
internal sealed class EraseMasker(string placeholder) : IMasker
{
    public string Placeholder { get; } = placeholder;

    public int GetMaskedLength(ReadOnlySpan<char> value) => Placeholder.Length;

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        var text = Placeholder;
        if ((uint)text.Length > (uint)destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        // Erasing is the most common mask; the usual three-character placeholder is written without a memmove call.
        if (text.Length == 3)
        {
            destination[2] = text[2];
            destination[1] = text[1];
            destination[0] = text[0];
        }
        else
        {
            text.CopyTo(destination);
        }

        charsWritten = text.Length;
        return true;
    }
}
