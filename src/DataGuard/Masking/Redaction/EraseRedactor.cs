namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Erase"/>. Calls the sealed masker directly (no interface dispatch),
/// because erasing is the most common redaction and should cost no more than Microsoft.Extensions.Compliance's
/// <c>ErasingRedactor</c>.</summary>
internal sealed class EraseRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Erase))
{
    private readonly EraseMasker _erase = (EraseMasker)masker.GetMasker(MaskStyle.Erase);

    public override int GetRedactedLength(ReadOnlySpan<char> input) => _erase.Placeholder.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (!_erase.TryMask(source, destination, out var written))
        {
            ThrowTooSmall();
        }

        return written;
    }

    private static void ThrowTooSmall() => throw new ArgumentException("The destination is shorter than GetRedactedLength.", "destination");
}
