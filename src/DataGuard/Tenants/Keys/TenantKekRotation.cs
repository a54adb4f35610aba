using DataGuard.Audit;
using DataGuard.Keys;
using Microsoft.Extensions.Logging;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// Replaces the current tenant's key-encryption key by a fresh random one (<see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/>).
/// The key store writes one key at a time, so the rotation is not one transaction; it is resumable instead, and every
/// state it can stop in reads: (1) a new active key-encryption key is added and the previous ones become decrypt-only;
/// (2) every key of the tenant is re-wrapped under the new one by <see cref="KeyRewrapper"/>, the path that also re-wraps
/// after a customer's key rotated (the tenant's <see cref="TenantKeyWrapper"/> says which keys name an older
/// key-encryption key); (3) once every key is under the new one and <see cref="Encryption.EncryptionOptions.KeyRefreshInterval"/>
/// has passed since step 1 (other instances wrap new keys under the new key-encryption key by then, see
/// <see cref="TenantKeyEncryptionKeys.IsStale"/>), the previous ones are destroyed: their wrapped bytes are removed. A call
/// while previous key-encryption keys remain continues that rotation instead of starting another.
/// </summary>
internal sealed class TenantKekRotation(KeyRingContext context, TenantKeyEncryptionKeys keys, IAuditTrail audit, ILogger logger)
{
    public async Task<KeyEncryptionKeyRotation> RotateAsync(CancellationToken cancellationToken)
    {
        var tenant = context.Tenant ?? throw new TenantRequiredException();
        if (context.Store is not IWrappedKeyStore)
        {
            // Without a replace-if-unchanged the keys could not be re-wrapped, and destroying the previous key-encryption
            // key would make every one of them unreadable.
            throw new InvalidOperationException($"Tenant '{tenant}''s key-encryption key cannot be rotated with the key store " +
                $"{context.Store.GetType().Name}: it cannot replace wrapped keys. The built-in stores can (UseEntityFrameworkStores<TContext>(), " +
                "InMemoryKeyStore).");
        }

        var (current, previous) = await StartOrContinueAsync(tenant, cancellationToken).ConfigureAwait(false);
        await keys.ReloadAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (previous.Count == 0)
        {
            return new(current.Id, 0, [], [], null); // the tenant's first key-encryption key: nothing was wrapped before it
        }

        var rewrapper = new KeyRewrapper(context, audit, logger, keys);
        var first = await rewrapper.RewrapAsync(ringKeys: true, subjectKeys: true, cancellationToken).ConfigureAwait(false);
        var now = keys.Time.GetUtcNow();
        var settled = previous.Max(static k => k.StatusChangedAt ?? DateTimeOffset.MinValue) + context.Settings.KeyRefreshInterval;
        if (first.UnreadableKeyIds.Count > 0 || settled > now)
        {
            return new(current.Id, first.KeysRewrapped, [], first.UnreadableKeyIds, settled > now ? settled : now);
        }

        // A second pass proves that no key names a previous key-encryption key any more (one added meanwhile by an
        // instance that had not yet seen the new one would be re-wrapped here, and the next call destroys them).
        var check = await rewrapper.RewrapAsync(ringKeys: true, subjectKeys: true, cancellationToken).ConfigureAwait(false);
        var rewrapped = first.KeysRewrapped + check.KeysRewrapped;
        if (check.KeysRewrapped > 0 || check.UnreadableKeyIds.Count > 0)
        {
            return new(current.Id, rewrapped, [], check.UnreadableKeyIds, now);
        }

        var destroyed = await DestroyAsync(tenant, previous, now, cancellationToken).ConfigureAwait(false);
        KeysLog.LogTenantKeyRotated(logger, destroyed.Count, tenant, current.Id);
        return new(current.Id, rewrapped, destroyed, [], null);
    }

    /// <summary>The current key-encryption key and the previous ones with material: a new one when none is left over from
    /// an unfinished rotation, which is continued otherwise.</summary>
    private async Task<(DataKeyRecord Current, List<DataKeyRecord> Previous)> StartOrContinueAsync(string tenant, CancellationToken cancellationToken)
    {
        var records = await keys.ReadAsync(tenant, cancellationToken).ConfigureAwait(false);
        var live = records.Where(static r => r.WrappedKey is not null && r.Status is DataKeyStatus.Active or DataKeyStatus.DecryptOnly).ToList();
        if (live.Count == 0 && records.Count > 0)
        {
            throw new TenantKeyUnavailableException(tenant, $"Tenant '{tenant}': its key-encryption key was destroyed (tenant key shredding); there is " +
                "nothing to rotate.");
        }

        var current = live.Where(static r => r.Status == DataKeyStatus.Active).MaxBy(static r => r.Id);
        var previous = live.Where(r => !ReferenceEquals(r, current)).ToList();
        if (current is null || previous.Count == 0)
        {
            previous = live;
            current = await keys.AddAsync(tenant, cancellationToken).ConfigureAwait(false);
            KeysLog.LogTenantKeyRotating(logger, current.Id, tenant, previous.Count);
            await audit.RecordAsync(new AuditEvent(AuditActions.KeyRotated)
            {
                Details = $"key-encryption key {current.Id} of the tenant is current; the previous ones " +
                    $"({string.Join(", ", previous.Select(static k => k.Id))}) are destroyed once every key is re-wrapped under it",
            }, cancellationToken).ConfigureAwait(false);
        }

        // Decrypt-only from now on, for every instance that reads them; the refresh interval is counted from here.
        foreach (var key in previous.Where(static k => k.Status == DataKeyStatus.Active))
        {
            key.Status = DataKeyStatus.DecryptOnly;
            key.StatusChangedAt = keys.Time.GetUtcNow();
            await keys.Store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return (current, previous);
    }

    private async Task<List<int>> DestroyAsync(string tenant, List<DataKeyRecord> previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var key in previous)
        {
            key.Status = DataKeyStatus.Destroyed;
            key.WrappedKey = null;
            key.StatusChangedAt = now;
            await keys.Store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        }

        // The set that held the previous keys is zeroed once no operation can still hold it (the cache's delayed release).
        await keys.ReloadAsync(tenant, cancellationToken).ConfigureAwait(false);
        var ids = previous.Select(static k => k.Id).ToList();
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyDestroyed)
        {
            Details = $"previous key-encryption keys of the tenant destroyed ({string.Join(", ", ids)}): every key of the tenant is re-wrapped " +
                "under the current one",
        }, cancellationToken).ConfigureAwait(false);
        return ids;
    }
}
