using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>
/// A masking strategy: turns a personal value into text that can be shown or logged. DataGuard's built-in strategies
/// are chosen with <see cref="MaskStyle"/>; implement this interface for your own and register it by name with
/// <c>AddMasker(name, masker)</c>, then select it on a property with <see cref="MaskWithAttribute"/>.
/// </summary>
/// <remarks>Implementations must be thread-safe and should not allocate in <see cref="TryMask"/>. Never split a
/// grapheme (use <see cref="System.Globalization.StringInfo.GetNextTextElementLength(ReadOnlySpan{char})"/>).</remarks>
public interface IMasker
{
    /// <summary>The exact number of characters <see cref="TryMask"/> writes for <paramref name="value"/>.</summary>
    /// <param name="value">The value to mask.</param>
    /// <returns>The length of the masked text.</returns>
    int GetMaskedLength(ReadOnlySpan<char> value);

    /// <summary>Masks <paramref name="value"/> into <paramref name="destination"/>.</summary>
    /// <param name="value">The value to mask.</param>
    /// <param name="destination">Where the masked text goes.</param>
    /// <param name="charsWritten">How many characters were written; 0 when the destination is too small.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is shorter than
    /// <see cref="GetMaskedLength"/>; nothing is written then.</returns>
    bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten);
}
