namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Erase"/>. Writes the placeholder itself rather than through the masker,
/// because erasing is the most common redaction and one dispatch fewer keeps it as cheap as
/// Microsoft.Extensions.Compliance's <c>ErasingRedactor</c>.</summary>
internal sealed class EraseRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Erase))
{
    private readonly string _placeholder = ((EraseMasker)masker.GetMasker(MaskStyle.Erase)).Placeholder;

    public override int GetRedactedLength(ReadOnlySpan<char> input) => _placeholder.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
        => _placeholder.TryCopyTo(destination)
            ? _placeholder.Length
            : throw new ArgumentException("The destination is shorter than GetRedactedLength.", nameof(destination));
}
