using System.Runtime.CompilerServices;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Erase"/>: a fixed placeholder whatever the value, so not even its length shows.</summary>
internal sealed class EraseMasker(string placeholder) : IMasker
{
    private readonly PackedPlaceholder _placeholder = new(placeholder);

    public string Placeholder => _placeholder.Text;

    public int GetMaskedLength(ReadOnlySpan<char> value) => _placeholder.Length;

    // Erasing is the most common mask and should cost about what Microsoft.Extensions.Compliance's ErasingRedactor does
    // (which writes nothing): small enough to inline, and the usual three-character placeholder is two stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        var written = _placeholder.Write(destination);
        charsWritten = Math.Max(written, 0);
        return written >= 0;
    }
}
