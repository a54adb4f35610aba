using DataGuard.Encryption;
using DataGuard.Subjects;

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

    /// <summary>Retires a decrypt-only key once no stored value uses it: it never encrypts again and is left for
    /// <see cref="DestroyAsync"/>. Its material is kept, so values in a restored database backup can still be read and
    /// re-encrypted. Nothing is deleted. Retiring an already retired key does nothing.</summary>
    /// <param name="keyId">The key to retire.</param>
    /// <param name="cancellationToken">Cancels the retirement.</param>
    /// <returns>A task that completes when the key is retired.</returns>
    /// <exception cref="KeyInUseException">Stored values (in any encrypted column of the store's model, ring-key values in
    /// subject-key columns included) still use the key: run the re-encryption job first.</exception>
    /// <exception cref="InvalidOperationException">The key is the active data key or the blind-index key, or the key
    /// store cannot count the values that use it.</exception>
    /// <exception cref="KeyNotFoundException">No key has that id.</exception>
    Task RetireAsync(int keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Destroys a retired key's material, permanently and with an audit entry: values still on it — in this database or
    /// in any backup of it — can never be read again. It counts the stored values that use the key first and refuses
    /// while there are any, and refuses until <see cref="EncryptionOptions.KeyRefreshInterval"/> has passed since the
    /// retirement (other instances may not have reloaded their keys before). The key's record stays, marked
    /// <see cref="DataKeyStatus.Destroyed"/>. Destroying an already destroyed key does nothing.
    /// </summary>
    /// <param name="keyId">The retired key to destroy.</param>
    /// <param name="cancellationToken">Cancels the destruction.</param>
    /// <returns>A task that completes when the material is gone.</returns>
    /// <exception cref="KeyInUseException">Stored values still use the key.</exception>
    /// <exception cref="InvalidOperationException">The key is not retired, was retired too recently, or the key store
    /// cannot count the values that use it.</exception>
    /// <exception cref="KeyNotFoundException">No key has that id.</exception>
    Task DestroyAsync(int keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Wraps every data, blind-index and subject key again under the current key-encryption key when it was wrapped by
    /// an older one (with Data Protection: a key that is no longer the ring's default, and so will expire and may be
    /// deleted — <c>IDeletableKeyManager</c> since .NET 9). Each key is replaced on its own, so a run that stops is
    /// resumed by the next; the run is audited. The EF Core stores also run it for the ring's keys at start-up.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run between keys.</param>
    /// <returns>How many keys were checked and re-wrapped, and which could not be unwrapped at all.</returns>
    Task<KeyRewrapResult> RewrapAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the current tenant's key-encryption key by a fresh random 256-bit key, wrapped by the tenant's wrapper (the
    /// platform's, or the customer's own registered with <c>UseTenantKeyWrapper</c>), and wraps every key of the tenant
    /// (data, blind-index and subject keys) again under it. Values are not re-encrypted and cached keys stay valid: only
    /// the wrapping of the tenant's keys changes. The previous key-encryption key stays, decrypt-only, until every key is
    /// re-wrapped and <see cref="EncryptionOptions.KeyRefreshInterval"/> has passed (other instances wrap new keys under
    /// the new one by then); the call after that destroys it, removing its wrapped bytes from the key store. Each step
    /// can stop and be resumed: a call while a previous key-encryption key remains continues that rotation.
    /// </summary>
    /// <param name="cancellationToken">Cancels the rotation between keys.</param>
    /// <returns>The current key-encryption key, what was re-wrapped and destroyed, and when to call again if the rotation
    /// is not complete.</returns>
    /// <exception cref="Tenants.TenantRequiredException">No tenant scope is open: the platform's keys are wrapped by the
    /// platform's key wrapper, rotated by its own means and <see cref="RewrapAsync"/>.</exception>
    /// <exception cref="Tenants.Keys.TenantKeyUnavailableException">The tenant's key-encryption key was shredded, or its
    /// wrapper refuses it.</exception>
    /// <exception cref="InvalidOperationException">The key store cannot replace wrapped keys (a store of your own; the
    /// built-in stores can).</exception>
    Task<KeyEncryptionKeyRotation> RotateKeyEncryptionKeyAsync(CancellationToken cancellationToken = default);

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
