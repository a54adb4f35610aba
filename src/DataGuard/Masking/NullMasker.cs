using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Null"/>: nothing at all. String paths that can express absence return null.</summary>
internal sealed class NullMasker : IMasker
{
    public static NullMasker Instance { get; } = new();

    public int GetMaskedLength(ReadOnlySpan<char> value) => 0;

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        return true;
    }
}
