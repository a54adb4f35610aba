using Microsoft.Extensions.Compliance.Redaction;

namespace DataGuard.Masking.Redaction;

/// <summary>A Microsoft.Extensions.Compliance <see cref="Redactor"/> over one of DataGuard's maskers. Each strategy has
/// its own subclass, because the redactor provider maps classifications to redactor types.</summary>
internal abstract class MaskingRedactor(IMasker masker) : Redactor
{
    public IMasker Masker { get; } = masker;

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Masker.GetMaskedLength(input);

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
        => Masker.TryMask(source, destination, out var written)
            ? written
            : throw new ArgumentException("The destination is shorter than GetRedactedLength.", nameof(destination));
}
