using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>
/// A key store that counts the encryptions made under each ring data key, for the nonce budget
/// (<see cref="EncryptionOptions.NonceBudget"/>). Instances reserve the count in blocks, each one atomic conditional
/// update, so several instances share one count without a write per value and the budget holds across all of them.
/// </summary>
internal interface IEncryptionCountStore
{
    /// <summary>Adds <paramref name="count"/> to the key's reserved encryptions if the key is still the active data key
    /// and the total stays within <paramref name="budget"/>; one atomic statement.</summary>
    /// <returns><see langword="true"/> when the block is reserved; <see langword="false"/> when the budget would be
    /// exceeded or the key is no longer active.</returns>
    Task<bool> TryReserveEncryptionsAsync(int keyId, long count, long budget, CancellationToken cancellationToken);

    /// <summary>Makes the key decrypt-only if it is still active; one atomic statement, so of several instances that find
    /// the budget spent at once exactly one rotates.</summary>
    /// <returns><see langword="true"/> when this call changed the status.</returns>
    Task<bool> TryDeactivateAsync(int keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The encryptions reserved so far under a key (for tests and the key listing).</summary>
    Task<long> GetReservedEncryptionsAsync(int keyId, CancellationToken cancellationToken);
}
