namespace DataGuard.Masking;

/// <summary>
/// Supplies the key pseudonyms are computed with. DataGuard's key ring provides it; until one is bound, the
/// registered provider throws a <see cref="DataGuardException"/> rather than inventing a key.
/// </summary>
internal interface IPseudonymKeyProvider
{
    /// <summary>The key new pseudonyms use.</summary>
    /// <exception cref="DataGuardException">No pseudonym key is configured.</exception>
    PseudonymKey Current { get; }
}
