using DataGuard.Model;

namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Null"/>.</summary>
internal sealed class NullMaskRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Null))
{
}
