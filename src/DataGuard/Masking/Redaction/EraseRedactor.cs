namespace DataGuard.Masking.Redaction;

/// <summary>Redacts with <see cref="MaskStyle.Erase"/>.</summary>
internal sealed class EraseRedactor(DataMasker masker) : MaskingRedactor(masker.GetMasker(MaskStyle.Erase))
{
}
