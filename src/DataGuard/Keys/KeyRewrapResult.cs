namespace DataGuard.Keys;

/// <summary>What <see cref="IKeyManager.RewrapAsync"/> did.</summary>
/// <param name="KeysChecked">Keys with material that were unwrapped (ring and subject keys).</param>
/// <param name="KeysRewrapped">Keys wrapped again under the current key-encryption key.</param>
/// <param name="UnreadableKeyIds">Keys that could not be unwrapped: the key-encryption key that wrapped them is gone (for
/// example a deleted Data Protection key, or a key ring that was not restored with the database) or the stored key is
/// damaged. Values on them cannot be read until that key-encryption key is restored.</param>
public sealed record KeyRewrapResult(int KeysChecked, int KeysRewrapped, IReadOnlyList<int> UnreadableKeyIds);
