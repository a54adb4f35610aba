using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Last4"/>.</summary>
internal sealed class Last4Redactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Last4))
{
}
