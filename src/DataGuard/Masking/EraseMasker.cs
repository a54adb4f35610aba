using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Erase"/>: a fixed placeholder whatever the value, so not even its length shows.</summary>
internal sealed class EraseMasker : IMasker
{
    private readonly uint _firstTwo;
    private readonly char _third;

    public EraseMasker(string placeholder)
    {
        Placeholder = placeholder;
        if (placeholder.Length == 3)
        {
            _firstTwo = MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(placeholder.AsSpan(0, 2)));
            _third = placeholder[2];
        }
    }

    public string Placeholder { get; }

    public int GetMaskedLength(ReadOnlySpan<char> value) => Placeholder.Length;

    // Erasing is the most common mask and should cost no more than Microsoft.Extensions.Compliance's ErasingRedactor,
    // which writes nothing: small enough to inline, and the usual three-character placeholder is two stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        if (Placeholder.Length == 3 && destination.Length >= 3)
        {
            ref var start = ref MemoryMarshal.GetReference(destination);
            Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref start), _firstTwo);
            Unsafe.Add(ref start, 2) = _third;
            charsWritten = 3;
            return true;
        }

        return TryCopy(destination, out charsWritten);
    }

    private bool TryCopy(Span<char> destination, out int charsWritten)
    {
        charsWritten = Placeholder.TryCopyTo(destination) ? Placeholder.Length : 0;
        return charsWritten == Placeholder.Length;
    }
}
