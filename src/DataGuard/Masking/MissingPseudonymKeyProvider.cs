using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>Registered while no pseudonym key is configured: a pseudonym mask fails clearly instead of using an
/// invented key whose pseudonyms would change at every restart.</summary>
internal sealed class MissingPseudonymKeyProvider : IPseudonymKeyProvider
{
    public static MissingPseudonymKeyProvider Instance { get; } = new();

    public PseudonymKey Current => throw DataGuardErrors.Misconfigured(
        "MaskStyle.Pseudonym needs a pseudonym key from DataGuard's key ring, and none is configured. Configure the key ring, " +
        "or set MaskingOptions.PseudonymKeyId and PseudonymKey in AddMasking(o => ...), or choose another MaskStyle for the field.");
}
