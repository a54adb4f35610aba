using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Pseudonym"/>.</summary>
internal sealed class PseudonymRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Pseudonym))
{
}
