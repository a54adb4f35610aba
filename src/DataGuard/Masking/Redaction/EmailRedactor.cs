using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Email"/>.</summary>
internal sealed class EmailRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Email))
{
}
