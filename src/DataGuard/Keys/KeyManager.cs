using DataGuard.Subjects;
using System.Security.Cryptography;
using DataGuard.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

internal sealed partial class KeyManager(
    KeyRing ring,
    IKeyStore store,
    IKeyWrapper wrapper,
    IAuditTrail audit,
    TimeProvider time,
    SubjectKeyRing subjects,
    IOptionsMonitor<DataGuardOptions> options,
    IKeyUsageCounter? usage,
    ILogger<KeyManager> logger,
    SubjectIdCanonicalizer? subjectIds = null,
    SubjectEvents? subjectEvents = null) : IKeyManager
{
    /// <summary>Subject keys are re-wrapped a window of ids at a time.</summary>
    private const int RewrapWindow = 1_000;

    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var counts = usage is null ? null : await usage.CountAsync(cancellationToken).ConfigureAwait(false);
        return keys.OrderBy(static k => k.Id).Select(k => Info(k) with { ValueCount = counts?.For(k) }).ToList();
    }

    public async Task<KeyInfo> RotateAsync(CancellationToken cancellationToken = default)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRotate);
        await ring.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var created = await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRotated) { Details = $"key {created.Id} is the active data key" }, cancellationToken).ConfigureAwait(false);
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
        key.StatusChangedAt = time.GetUtcNow();
        await store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        await ring.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyRetired) { Details = $"key {keyId} retired: no stored value used it; its material is kept for restored backups" }, cancellationToken).ConfigureAwait(false);
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
            throw new InvalidOperationException($"Key {keyId} is {key.Status}: only a retired key can be destroyed. Re-encrypt, retire it, and destroy it once every instance has reloaded its keys.");
        }

        // Another instance loads a rotation only at its next key refresh; until then it may still write with the old key.
        var settled = key.StatusChangedAt + options.CurrentValue.Encryption.KeyRefreshInterval;
        if (settled > time.GetUtcNow())
        {
            throw new InvalidOperationException($"Key {keyId} was retired less than Encryption.KeyRefreshInterval ago: other instances may not have reloaded their keys yet. Destroy it after {settled:O}.");
        }

        await EnsureUnusedAsync(key, "destroyed", cancellationToken).ConfigureAwait(false);
        LogDestroying(logger, keyId);
        key.Status = DataKeyStatus.Destroyed;
        key.WrappedKey = null;
        key.StatusChangedAt = time.GetUtcNow();
        await store.UpdateAsync(key, cancellationToken).ConfigureAwait(false);
        await ring.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEvent(AuditActions.KeyDestroyed) { Details = $"key {keyId} material destroyed: no stored value used it; values on it in older backups can no longer be read" }, cancellationToken).ConfigureAwait(false);
    }

    public Task<KeyRewrapResult> RewrapAsync(CancellationToken cancellationToken = default)
        => RewrapAsync(ringKeys: true, subjectKeys: true, cancellationToken);

    /// <summary>Unwraps every key with material and wraps again, under the current key-encryption key, those the wrapper
    /// says are not under it. Each key is replaced on its own (only if unchanged meanwhile), so a run that stops is
    /// resumed by the next one.</summary>
    public async Task<KeyRewrapResult> RewrapAsync(bool ringKeys, bool subjectKeys, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRewrap);
        var replacer = store as IWrappedKeyStore;
        var state = new RewrapState();
        if (ringKeys)
        {
            foreach (var key in await store.GetAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await RewrapOneAsync(key, replacer, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if (subjectKeys && store is ISubjectKeyStore subjectStore && replacer is not null)
        {
            var last = await replacer.GetLastKeyIdAsync(cancellationToken).ConfigureAwait(false);
            for (var first = 1; first <= last; first += RewrapWindow)
            {
                var window = await subjectStore.GetSubjectKeysAsync(first, Math.Min(last, first + RewrapWindow - 1), cancellationToken).ConfigureAwait(false);
                foreach (var key in window.OrderBy(static k => k.Id))
                {
                    await RewrapOneAsync(key, replacer, state, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var result = new KeyRewrapResult(state.Checked, state.Rewrapped, state.Unreadable);
        if (result.KeysRewrapped > 0 || result.UnreadableKeyIds.Count > 0)
        {
            var details = $"{result.KeysRewrapped} of {result.KeysChecked} keys re-wrapped under the current key-encryption key"
                + (result.UnreadableKeyIds.Count > 0 ? $"; keys that cannot be unwrapped: {string.Join(", ", result.UnreadableKeyIds)}" : "");
            await audit.RecordAsync(new AuditEvent(AuditActions.KeysRewrapped) { Details = details }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task RewrapOneAsync(DataKeyRecord key, IWrappedKeyStore? replacer, RewrapState state, CancellationToken cancellationToken)
    {
        if (key.WrappedKey is not { } wrapped)
        {
            return;
        }

        byte[] material;
        bool needsRewrap;
        try
        {
            if (wrapper is IVersionedKeyWrapper versioned)
            {
                material = versioned.Unwrap(wrapped, out needsRewrap);
            }
            else
            {
                material = wrapper.Unwrap(wrapped);
                needsRewrap = false;
            }
        }
        catch (CryptographicException ex)
        {
            LogUnreadable(logger, key.Kind, key.Id, ex);
            state.Unreadable.Add(key.Id);
            return;
        }

        try
        {
            state.Checked++;
            if (needsRewrap && replacer is not null
                && await replacer.ReplaceWrappedKeyAsync(key.Id, wrapped, wrapper.Wrap(material), cancellationToken).ConfigureAwait(false))
            {
                state.Rewrapped++;
                LogRewrapped(logger, key.Kind, key.Id);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    public async Task ShredAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyShred);
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

        if (subjectEvents is not null)
        {
            await subjectEvents.RaiseAsync(subjectId, SubjectEvent.Shredded, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DataKeyRecord> FindAsync(int keyId, CancellationToken cancellationToken)
        => (await store.GetAllAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.Id == keyId)
           ?? throw new KeyNotFoundException($"No key has id {keyId}.");

    private async Task EnsureUnusedAsync(DataKeyRecord key, string operation, CancellationToken cancellationToken)
    {
        if (usage is null)
        {
            throw new InvalidOperationException($"Key {key.Id} cannot be {operation}: nothing can count the stored values that use it. Keys are retired and destroyed with the EF Core stores (UseEntityFrameworkStores<TContext>()), which scan the encrypted columns first.");
        }

        var count = (await usage.CountAsync(cancellationToken).ConfigureAwait(false)).For(key);
        if (count > 0)
        {
            throw new KeyInUseException(key.Id, count, operation);
        }
    }

    private static KeyInfo Info(DataKeyRecord k) => new(k.Id, k.Kind, k.Status, k.CreatedAt, k.StatusChangedAt);

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "DataGuard is destroying the material of key {KeyId}: values on it in any backup can no longer be read")]
    private static partial void LogDestroying(ILogger logger, int keyId);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Information, Message = "DataGuard re-wrapped {Kind} key {KeyId} under the current key-encryption key")]
    private static partial void LogRewrapped(ILogger logger, DataKeyKind kind, int keyId);

    [LoggerMessage(EventId = 1132, Level = LogLevel.Error, Message = "DataGuard {Kind} key {KeyId} cannot be unwrapped: the key-encryption key (Data Protection key) that wrapped it is missing, or the stored key is damaged")]
    private static partial void LogUnreadable(ILogger logger, DataKeyKind kind, int keyId, Exception exception);

    private sealed class RewrapState
    {
        public int Checked { get; set; }

        public int Rewrapped { get; set; }

        public List<int> Unreadable { get; } = [];
    }
}
