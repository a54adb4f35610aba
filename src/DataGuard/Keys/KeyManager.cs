using DataGuard.Audit;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

internal sealed class KeyManager(KeyRing ring, IKeyStore store, IAuditTrail audit, TimeProvider time, SubjectKeyRing subjects, IOptionsMonitor<DataGuardOptions> options, SubjectIdCanonicalizer? subjectIds = null) : IKeyManager
{
    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderBy(static k => k.Id).Select(static k => new KeyInfo(k.Id, k.Kind, k.Status, k.CreatedAt, k.StatusChangedAt)).ToList();
    }

    public async Task<KeyInfo> RotateAsync(CancellationToken cancellationToken = default)
    {
        await ring.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var created = await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRotated) { Details = $"key {created.Id} is the active data key" }, cancellationToken).ConfigureAwait(false);
        return new KeyInfo(created.Id, created.Kind, created.Status, created.CreatedAt, created.StatusChangedAt);
    }

    public async Task RetireAsync(int keyId, CancellationToken cancellationToken = default)
    {
        var key = (await store.GetAllAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.Id == keyId)
            ?? throw new KeyNotFoundException($"No key has id {keyId}.");
        if (key.Kind == DataKeyKind.BlindIndex)
        {
            throw new InvalidOperationException($"Key {keyId} derives the blind indexes and cannot be retired.");
        }

        if (key.Status == DataKeyStatus.Active)
        {
            throw new InvalidOperationException($"Key {keyId} is the active data key; rotate first, re-encrypt, then retire it.");
        }

        key.Status = DataKeyStatus.Retired;
        key.WrappedKey = null;
        key.StatusChangedAt = time.GetUtcNow();
        await store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        await ring.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRetired) { Details = $"key {keyId} retired" }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ShredAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        // Subject keys are stored under the canonical id (the entity's value): another spelling would shred nothing.
        subjectId = (subjectIds ?? SubjectIdCanonicalizer.AsGiven).Canonicalize(subjectId, nameof(subjectId));
        if (!options.CurrentValue.Encryption.SubjectKeys)
        {
            throw new InvalidOperationException("Crypto-shredding needs subject keys: set DataGuardOptions.Encryption.SubjectKeys = true.");
        }

        var (keyId, shredded) = await subjects.ShredAsync(subjectId.Value, cancellationToken).ConfigureAwait(false);
        if (shredded)
        {
            // The subject id is an identifier, not a personal value: the trail must say whose data became unreadable.
            await audit.RecordAsync(new AuditEvent(AuditActions.SubjectShredded) { SubjectId = subjectId, Details = $"subject key {keyId} destroyed" }, cancellationToken).ConfigureAwait(false);
        }
    }
}
