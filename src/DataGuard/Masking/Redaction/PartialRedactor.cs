using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Partial"/>.</summary>
internal sealed class PartialRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Partial))
{
}
