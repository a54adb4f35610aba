using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Subjects;
using DataGuard.Tenants.Keys;
using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>Lists, rotates, retires and destroys the ring's keys; re-wrapping is <see cref="KeyRewrapper"/>'s and
/// crypto-shredding <see cref="SubjectKeyShredder"/>'s.</summary>
internal sealed class KeyManager(
    KeyRing ring,
    SubjectKeyShredder shredder,
    IAuditTrail audit,
    ILogger<KeyManager> logger,
    IKeyUsageCounter? usage = null,
    TenantKeyEncryptionKeys? tenantKeys = null) : IKeyManager
{
    private IKeyStore Store => ring.Context.Store;

    private TimeProvider Time => ring.Context.Time;

    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await ring.Context.ReadRingAsync(cancellationToken).ConfigureAwait(false);
        var counts = usage is null ? null : await usage.CountAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderBy(static k => k.Id).Select(k => Info(k) with { ValueCount = counts?.For(k) }).ToList();
    }

    public async Task<KeyInfo> RotateAsync(CancellationToken cancellationToken = default)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRotate);
        await ring.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var created = await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(
            new AuditEvent(AuditActions.KeyRotated) { Details = $"key {created.Id} is the active data key" }, cancellationToken).ConfigureAwait(false);
        return Info(created);
    }

    public async Task RetireAsync(int keyId, CancellationToken cancellationToken = default)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRetire);
        var key = await FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (key.Kind == DataKeyKind.BlindIndex)
        {
            throw new InvalidOperationException($"Key {keyId} derives the blind indexes and cannot be retired.");
        }

        if (key.Status == DataKeyStatus.Active)
        {
            throw new InvalidOperationException($"Key {keyId} is the active data key; rotate first, re-encrypt, then retire it.");
        }

        if (key.Status is DataKeyStatus.Retired or DataKeyStatus.Destroyed)
        {
            return;
        }

        await EnsureUnusedAsync(key, "retired", cancellationToken).ConfigureAwait(false);
        key.Status = DataKeyStatus.Retired;
        key.StatusChangedAt = Time.GetUtcNow();
        await Store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        await ring.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRetired) { Details = $"key {keyId} retired: no stored value used it; its material is kept for " +
            "restored backups" }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DestroyAsync(int keyId, CancellationToken cancellationToken = default)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyDestroy);
        var key = await FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (key.Status == DataKeyStatus.Destroyed)
        {
            return;
        }

        if (key.Status != DataKeyStatus.Retired)
        {
            throw new InvalidOperationException($"Key {keyId} is {key.Status}: only a retired key can be destroyed. Re-encrypt, retire it, and destroy it " +
                "once every instance has reloaded its keys.");
        }

        // Another instance loads a rotation only at its next key refresh; until then it may still write with the old key.
        var settled = key.StatusChangedAt + ring.Context.Settings.KeyRefreshInterval;
        if (settled > Time.GetUtcNow())
        {
            throw new InvalidOperationException($"Key {keyId} was retired less than Encryption.KeyRefreshInterval ago: other instances may not have reloaded " +
                $"their keys yet. Destroy it after {settled:O}.");
        }

        await EnsureUnusedAsync(key, "destroyed", cancellationToken).ConfigureAwait(false);
        KeysLog.LogDestroying(logger, keyId);
        key.Status = DataKeyStatus.Destroyed;
        key.WrappedKey = null;
        key.StatusChangedAt = Time.GetUtcNow();
        await Store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        await ring.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyDestroyed) { Details = $"key {keyId} material destroyed: no stored value used it; values on " +
            "it in older backups can no longer be read" }, cancellationToken).ConfigureAwait(false);
    }

    public Task<KeyRewrapResult> RewrapAsync(CancellationToken cancellationToken = default)
        => RewrapAsync(ringKeys: true, subjectKeys: true, cancellationToken);

    /// <summary>Re-wraps the ring's keys, the subject keys, or both (the start-up check does the ring's first).</summary>
    public Task<KeyRewrapResult> RewrapAsync(bool ringKeys, bool subjectKeys, CancellationToken cancellationToken)
        => new KeyRewrapper(ring.Context, audit, logger, tenantKeys).RewrapAsync(ringKeys, subjectKeys, cancellationToken);

    public async Task<KeyEncryptionKeyRotation> RotateKeyEncryptionKeyAsync(CancellationToken cancellationToken = default)
    {
        if (tenantKeys is null || ring.Tenant is null)
        {
            throw new Tenants.TenantRequiredException("Rotating a key-encryption key needs a tenant: the platform's keys are wrapped by the platform's key " +
                "wrapper (rotate it by its own means, then call IKeyManager.RewrapAsync). Open the tenant's scope (ITenantContext.Begin) first.");
        }

        return await new TenantKekRotation(ring.Context, tenantKeys, audit, logger).RotateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ShredAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
        => shredder.ShredAsync(subjectId, cancellationToken);

    private async Task<DataKeyRecord> FindAsync(int keyId, CancellationToken cancellationToken)
        => (await ring.Context.ReadRingAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.Id == keyId)
           ?? throw new KeyNotFoundException($"No key has id {keyId}.");

    private async Task EnsureUnusedAsync(DataKeyRecord key, string operation, CancellationToken cancellationToken)
    {
        if (usage is null)
        {
            throw new InvalidOperationException($"Key {key.Id} cannot be {operation}: nothing can count the stored values that use it. Keys are retired and " +
                "destroyed with the EF Core stores (UseEntityFrameworkStores<TContext>()), which scan the encrypted columns first.");
        }

        var count = (await usage.CountAsync(cancellationToken).ConfigureAwait(false)).For(key);
        if (count > 0)
        {
            throw new KeyInUseException(key.Id, count, operation);
        }
    }

    private static KeyInfo Info(DataKeyRecord k) => new(k.Id, k.Kind, k.Status, k.CreatedAt, k.StatusChangedAt);
}
