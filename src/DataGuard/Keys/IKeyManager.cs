namespace DataGuard.Keys;

/// <summary>Lists, rotates and retires DataGuard's data-encryption keys.</summary>
public interface IKeyManager
{
    /// <summary>Lists the keys (never their material).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys, by id.</returns>
    Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new active data key; the previous ones become decrypt-only. New values are encrypted with the new key
    /// at once in this instance and, in other instances, after their next key refresh
    /// (<see cref="EncryptionOptions.KeyRefreshInterval"/>). Run the re-encryption job afterwards to move old values.
    /// </summary>
    /// <param name="cancellationToken">Cancels the rotation.</param>
    /// <returns>The new key.</returns>
    Task<KeyInfo> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Retires a decrypt-only key: its material is deleted, and values still on it become unreadable. Retire
    /// only after the re-encryption job has moved every value away from it.</summary>
    /// <param name="keyId">The key to retire.</param>
    /// <param name="cancellationToken">Cancels the retirement.</param>
    /// <returns>A task that completes when the key is retired.</returns>
    /// <exception cref="InvalidOperationException">The key is the active data key or the blind-index key.</exception>
    /// <exception cref="KeyNotFoundException">No key has that id.</exception>
    Task RetireAsync(int keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-shreds a data subject: destroys the subject's own data key, so every value encrypted under it — in the
    /// database, its replicas and its backups — can no longer be decrypted. Needs
    /// <see cref="EncryptionOptions.SubjectKeys"/>. Shredding is permanent and idempotent.
    /// </summary>
    /// <param name="subjectId">The data subject whose key is destroyed.</param>
    /// <param name="cancellationToken">Cancels the shredding.</param>
    /// <returns>A task that completes when the key is destroyed.</returns>
    /// <exception cref="InvalidOperationException">Subject keys are not enabled.</exception>
    Task ShredAsync(SubjectId subjectId, CancellationToken cancellationToken = default);
}
