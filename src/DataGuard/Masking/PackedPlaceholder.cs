using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataGuard.Masking;

/// <summary>
/// The erase placeholder, precomputed so that writing it is as cheap as it can be: a placeholder of 2 to 4 characters
/// (the default <c>***</c> among them) is written with two 4-byte unaligned stores, the first two characters and the
/// last two (overlapping when it is shorter than four); a 1-character or longer placeholder is copied. Held by value
/// in the erase masker and redactor, so the hot path reads its fields straight off the owning object.
/// </summary>
internal readonly struct PackedPlaceholder
{
    private const int MaxPackedLength = 4;
    private readonly uint _head;
    private readonly uint _tail;
    private readonly int _tailOffset;

    public PackedPlaceholder(string text)
    {
        Text = text;
        Length = text.Length;
        if (text.Length is >= 2 and <= MaxPackedLength)
        {
            _head = MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(text.AsSpan(0, 2)));
            _tail = MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(text.AsSpan(text.Length - 2)));
            _tailOffset = (text.Length - 2) * sizeof(char);
        }
    }

    public string Text { get; }

    public int Length { get; }

    /// <summary>Writes the placeholder; returns its length, or -1 (writing nothing) when
    /// <paramref name="destination"/> is too short. A return value rather than an <c>out</c> parameter keeps the count
    /// in a register once inlined, instead of a stack slot written and read back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Write(Span<char> destination)
    {
        var length = Length;
        if ((uint)(length - 2) <= MaxPackedLength - 2 && destination.Length >= length)
        {
            ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(destination));
            Unsafe.WriteUnaligned(ref start, _head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, _tailOffset), _tail);
            return length;
        }

        return Copy(destination);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Copy(Span<char> destination) => Text.TryCopyTo(destination) ? Length : -1;
}
