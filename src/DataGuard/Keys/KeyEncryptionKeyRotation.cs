namespace DataGuard.Keys;

/// <summary>What <see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/> did for the current tenant.</summary>
/// <param name="KeyEncryptionKeyId">The tenant's current key-encryption key: every key of the tenant is wrapped by it once
/// the rotation is complete.</param>
/// <param name="KeysRewrapped">How many of the tenant's keys (data, blind-index and subject keys, and the key-encryption
/// key itself under a rotated outer wrapper) this call wrapped again.</param>
/// <param name="DestroyedKeyEncryptionKeyIds">The previous key-encryption keys this call destroyed: their wrapped bytes
/// are gone from the key store.</param>
/// <param name="UnreadableKeyIds">Keys of the tenant that could not be unwrapped (damaged): the previous key-encryption
/// keys are kept while there are any.</param>
/// <param name="CompleteAfter">When to call again to finish the rotation (the previous key-encryption keys are kept
/// until then); <see langword="null"/> when the rotation is complete.</param>
public sealed record KeyEncryptionKeyRotation(
    int KeyEncryptionKeyId,
    int KeysRewrapped,
    IReadOnlyList<int> DestroyedKeyEncryptionKeyIds,
    IReadOnlyList<int> UnreadableKeyIds,
    DateTimeOffset? CompleteAfter)
{
    /// <summary>Whether every key of the tenant is wrapped by <see cref="KeyEncryptionKeyId"/> and no previous
    /// key-encryption key is left in the key store.</summary>
    public bool IsComplete => CompleteAfter is null;
}
