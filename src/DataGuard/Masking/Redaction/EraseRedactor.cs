using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Erase"/>. Writes the precomputed placeholder itself (no call into the
/// masker, no interface dispatch), because erasing is the most common redaction and should cost about what
/// Microsoft.Extensions.Compliance's <c>ErasingRedactor</c> does; the string overload returns the placeholder string
/// itself rather than building a new one per call.</summary>
internal sealed class EraseRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Erase))
{
    private readonly PackedPlaceholder _placeholder = new(((EraseMasker)masker.GetMasker(MaskStyle.Erase)).Placeholder);

    public override int GetRedactedLength(ReadOnlySpan<char> input) => _placeholder.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = _placeholder.Write(destination);
        if (written < 0)
        {
            ThrowTooSmall();
        }

        return written;
    }

    // Like the base class, an empty or null value redacts to the empty string.
    public override string Redact(string? source) => string.IsNullOrEmpty(source) ? string.Empty : _placeholder.Text;

    private static void ThrowTooSmall() => throw new ArgumentException("The destination is shorter than GetRedactedLength.", "destination");
}
