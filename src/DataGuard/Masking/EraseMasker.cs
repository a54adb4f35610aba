namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Erase"/>: a fixed placeholder whatever the value, so not even its length shows.</summary>
internal sealed class EraseMasker(string placeholder) : IMasker
{
    public string Placeholder { get; } = placeholder;

    public int GetMaskedLength(ReadOnlySpan<char> value) => Placeholder.Length;

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        if (!Placeholder.TryCopyTo(destination))
        {
            charsWritten = 0;
            return false;
        }

        charsWritten = Placeholder.Length;
        return true;
    }
}
