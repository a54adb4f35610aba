using System.Data.Common;
using System.Security.Cryptography;
using DataGuard.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>
/// The unwrapped keys of this instance. Encryption and decryption run synchronously inside EF Core's value
/// converters, so the ring serves them from memory; it loads from the <see cref="IKeyStore"/> before SaveChanges
/// (asynchronously) and, for a key id it has not seen (another instance rotated), once synchronously on the read path.
/// </summary>
internal sealed partial class KeyRing : IDisposable
{
    private const int KeySize = KeyEntry.KeySize;

    private readonly IKeyStore _store;
    private readonly IKeyWrapper _wrapper;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<DataGuardOptions> _options;
    private readonly ILogger<KeyRing> _logger;
    private readonly Func<IAuditTrail>? _audit;
    private readonly IEncryptionCountStore? _counts;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private int _uncountedWarned;

    /// <summary>Set while this flow loads or writes the ring: the key store's own SaveChanges (and its transaction) must
    /// not ask the ring to get ready again, or it would wait on the lock it holds.</summary>
    private static readonly AsyncLocal<bool> InsideRing = new();
    private volatile Snapshot? _snapshot;

    public KeyRing(IKeyStore store, IKeyWrapper wrapper, TimeProvider time, IOptionsMonitor<DataGuardOptions> options, ILogger<KeyRing> logger, Func<IAuditTrail>? audit = null)
    {
        _store = store;
        _wrapper = wrapper;
        _time = time;
        _options = options;
        _logger = logger;
        _audit = audit;
        _counts = store as IEncryptionCountStore;
    }

    /// <summary>The largest block of encryptions an instance reserves at once: a crash loses at most this many of a
    /// key's budget, and a key's count is written once per block, not once per value.</summary>
    internal const long MaxReservationBlock = 65_536;

    /// <summary>How many encryptions one reservation takes: at most <see cref="MaxReservationBlock"/>, and a sixteenth of
    /// a small budget, so that a small budget still spans several reservations.</summary>
    internal static long ReservationBlock(long budget) => Math.Clamp(budget / 16, 1, MaxReservationBlock);

    /// <summary>Whether the ring has been loaded from the store at least once.</summary>
    public bool IsLoaded => _snapshot is not null;

    /// <summary>The key new values are encrypted with.</summary>
    /// <exception cref="DataGuardCryptoException">The ring holds no active key.</exception>
    public KeyEntry ActiveKey => (_snapshot ?? LoadSync()).Active
        ?? throw new DataGuardCryptoException("DataGuard's key ring has no active data key; it is created on the first SaveChanges, or by IKeyManager.RotateAsync().");

    /// <summary>The key blind-index keys are derived from.</summary>
    public KeyEntry BlindIndexKey => (_snapshot ?? LoadSync()).BlindIndex
        ?? throw new DataGuardCryptoException("DataGuard's key ring has no blind-index key; it is created on the first SaveChanges.");

    /// <summary>
    /// The key the next value is encrypted with, one encryption taken from its nonce budget
    /// (<see cref="EncryptionOptions.NonceBudget"/>). Blocks are reserved before SaveChanges and transactions
    /// (<see cref="EnsureReadyAsync(long, CancellationToken)"/>); when a block runs out here, the next one is reserved (or the key rotated)
    /// synchronously.
    /// </summary>
    /// <exception cref="DataGuardCryptoException">The ring holds no active key, or the key store cannot count.</exception>
    public KeyEntry TakeKeyForEncryption()
    {
        if (_counts is null)
        {
            return ActiveKey;
        }

        while (true)
        {
            var key = ActiveKey;
            if (key.TryTakeEncryption())
            {
                return key;
            }

            ReplenishSync(key);
        }
    }

    /// <summary>Finds a key by id for decryption, reloading once if this instance has not seen it yet.</summary>
    public KeyEntry? Find(int keyId)
    {
        var snapshot = _snapshot ?? LoadSync();
        if (snapshot.ById.TryGetValue(keyId, out var key))
        {
            return key;
        }

        return LoadSync(force: true).ById.GetValueOrDefault(keyId);
    }

    /// <summary>Loads the ring when it is missing or stale and creates the first data and blind-index keys.</summary>
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) => EnsureReadyAsync(0, cancellationToken);

    /// <summary>Loads the ring when it is missing or stale, creates the first keys, and reserves encryptions for the
    /// active key: at least half a block, and at least <paramref name="encryptions"/> (what a save is about to encrypt),
    /// so that the values it encrypts inside its transaction need no key-store write.</summary>
    public async ValueTask EnsureReadyAsync(long encryptions, CancellationToken cancellationToken)
    {
        if (InsideRing.Value)
        {
            return;
        }

        if (_counts is null && Interlocked.Exchange(ref _uncountedWarned, 1) == 0)
        {
            LogUncounted(_logger, _store.GetType().Name);
        }

        var snapshot = _snapshot;
        var fresh = snapshot is { Active: not null, BlindIndex: not null } && _time.GetUtcNow() - snapshot.LoadedAt < _options.CurrentValue.Encryption.KeyRefreshInterval;
        if (fresh && !NeedsReservation(snapshot!.Active!, encryptions))
        {
            return;
        }

        Rotation? rotated = null;
        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        InsideRing.Value = true;
        try
        {
            if (!fresh)
            {
                var records = await _store.GetAllAsync(cancellationToken).ConfigureAwait(false);
                if (!records.Any(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }))
                {
                    records = [.. records, await CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false)];
                }

                if (!records.Any(static k => k.Kind == DataKeyKind.BlindIndex))
                {
                    records = [.. records, await CreateAsync(DataKeyKind.BlindIndex, cancellationToken).ConfigureAwait(false)];
                }

                Publish(records);
            }

            // Reserve before the caller's transaction starts (a key-store write inside it would wait on its lock on
            // SQLite): at least half a block is left for the values this save or transaction encrypts.
            // A few rounds at most (reserve; or rotate, then reserve on the new key); if the store keeps refusing, the
            // values' own path reserves again one at a time.
            var rounds = 0;
            for (var active = _snapshot!.Active; active is not null && NeedsReservation(active, encryptions) && rounds++ < 4; active = _snapshot!.Active)
            {
                rotated = await ReplenishAsync(active, encryptions - active.EncryptionsLeft, cancellationToken).ConfigureAwait(false) ?? rotated;
            }
        }
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
        }

        if (rotated is not null)
        {
            await AuditRotationAsync(rotated, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether less than half a block, or less than <paramref name="encryptions"/>, is left for the active key.</summary>
    private bool NeedsReservation(KeyEntry active, long encryptions)
    {
        if (_counts is null)
        {
            return false;
        }

        var budget = _options.CurrentValue.Encryption.NonceBudget;
        var wanted = Math.Max(Math.Max(1, ReservationBlock(budget) / 2), Math.Min(encryptions, budget));
        return active.EncryptionsLeft < wanted;
    }

    /// <summary>Reserves the next block for <paramref name="key"/> while this value's encryption waits (the block ran
    /// out inside a save), or rotates when the key's budget is spent.</summary>
    private void ReplenishSync(KeyEntry key)
    {
        Rotation? rotated;
        _loadLock.Wait();
        InsideRing.Value = true;
        try
        {
            if (key.EncryptionsLeft > 0 || !ReferenceEquals(_snapshot?.Active, key))
            {
                return; // another thread reserved or rotated meanwhile
            }

            rotated = ReplenishAsync(key, 1, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (DbException ex)
        {
            // Reached inside a save whose reservation ran out: say what failed instead of a bare SQL error.
            throw new DataGuardCryptoException($"DataGuard could not reserve encryptions under data key {key.Id} in the key store (column DataGuardKeys.EncryptionsReserved, docs/encryption.md, \"Nonce budget\"). If the column is missing, add a migration; on SQLite, the reservation waits for the database's write lock, so it fails inside an application transaction that needs more than was reserved when it began.", keyId: key.Id, innerException: ex);
        }
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
        }

        if (rotated is not null)
        {
            AuditRotationAsync(rotated, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Reserves blocks of encryptions for the active key in the key store's shared count (one atomic
    /// conditional update); when the key's budget cannot give a whole block, or another instance retired the key, moves
    /// to a new key. Runs under the load lock.</summary>
    /// <returns>The rotation this call made, to be audited once the lock is released; <see langword="null"/> otherwise.</returns>
    private async ValueTask<Rotation?> ReplenishAsync(KeyEntry key, long wanted, CancellationToken cancellationToken)
    {
        var budget = _options.CurrentValue.Encryption.NonceBudget;
        var unit = ReservationBlock(budget);

        // Whole blocks, enough for what is wanted (a large save asks for more than one), never more than the budget.
        var block = Math.Min(budget, Math.Max(1, (wanted + unit - 1) / unit) * unit);
        if (await _counts!.TryReserveEncryptionsAsync(key.Id, block, budget, cancellationToken).ConfigureAwait(false))
        {
            key.AddEncryptions(block);
            return null;
        }

        // The budget is spent (or another instance rotated): of several instances, the one whose conditional update
        // makes the key decrypt-only creates the next key; the others load it.
        Rotation? rotation = null;
        if (await _counts.TryDeactivateAsync(key.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            var created = await CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false);
            LogBudgetRotation(_logger, key.Id, budget, created.Id);
            rotation = new Rotation(key.Id, created.Id, budget);
        }

        var records = await _store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        if (!records.Any(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }))
        {
            // The instance that retired the key has not stored the next one yet.
            records = [.. records, await CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false)];
        }

        Publish(records);
        return rotation;
    }

    private async ValueTask AuditRotationAsync(Rotation rotation, CancellationToken cancellationToken)
    {
        if (_audit is not null)
        {
            await _audit().RecordAsync(
                new AuditEvent(AuditActions.KeyRotated) { Details = $"key {rotation.Created} is the active data key: key {rotation.Previous} reached its nonce budget of {rotation.Budget} encryptions" },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a new active data key and makes the previous ones decrypt-only.</summary>
    public async Task<DataKeyRecord> RotateAsync(CancellationToken cancellationToken)
    {
        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        InsideRing.Value = true;
        try
        {
            var records = (await _store.GetAllAsync(cancellationToken).ConfigureAwait(false)).ToList();
            var now = _time.GetUtcNow();
            foreach (var previous in records.Where(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }))
            {
                previous.Status = DataKeyStatus.DecryptOnly;
                previous.StatusChangedAt = now;
                await _store.UpdateAsync(previous, cancellationToken).ConfigureAwait(false);
            }

            var created = await CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false);
            records.Add(created);
            Publish(records);
            return created;
        }
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
        }
    }

    /// <summary>Reloads after a change made directly in the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        InsideRing.Value = true;
        try
        {
            Publish(await _store.GetAllAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
        }
    }

    private async Task<DataKeyRecord> CreateAsync(DataKeyKind kind, CancellationToken cancellationToken)
    {
        var material = GC.AllocateArray<byte>(KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            var record = new DataKeyRecord
            {
                Kind = kind,
                Status = DataKeyStatus.Active,
                WrappedKey = _wrapper.Wrap(material),
                CreatedAt = _time.GetUtcNow(),
            };
            var stored = await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
            LogKeyCreated(_logger, stored.Id, kind);
            return stored;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private Snapshot LoadSync(bool force = false)
    {
        _loadLock.Wait();
        InsideRing.Value = true;
        try
        {
            if (!force && _snapshot is { } loaded)
            {
                return loaded;
            }

            // Only reached when a value names a key this instance has not loaded yet; runs once per new key.
            var records = _store.GetAllAsync(CancellationToken.None).GetAwaiter().GetResult();
            return Publish(records);
        }
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
        }
    }

    private Snapshot Publish(IReadOnlyList<DataKeyRecord> records)
    {
        var previous = _snapshot;
        var byId = new Dictionary<int, KeyEntry>();
        foreach (var record in records)
        {
            if (record.Status == DataKeyStatus.Destroyed || record.WrappedKey is null)
            {
                continue;
            }

            // Keys do not change once created, only their status: keep the unwrapped entry when the status is the same.
            if (previous?.ById.TryGetValue(record.Id, out var existing) == true && existing.Status == record.Status)
            {
                byId[record.Id] = existing;
                continue;
            }

            byId[record.Id] = Unwrap(record);
        }

        var snapshot = new Snapshot(
            byId,
            byId.Values.Where(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }).MaxBy(static k => k.Id),
            byId.Values.Where(static k => k.Kind == DataKeyKind.BlindIndex).MinBy(static k => k.Id),
            _time.GetUtcNow());
        _snapshot = snapshot;

        // Entries no longer in the ring (retired, or replaced because their status changed) are dropped; in-flight
        // operations may still hold them, so they are left to the GC rather than disposed under a user.
        return snapshot;
    }

    private KeyEntry Unwrap(DataKeyRecord record) => KeyEntry.Unwrap(_wrapper, record);

    public void Dispose()
    {
        if (_snapshot is { } snapshot)
        {
            foreach (var key in snapshot.ById.Values)
            {
                key.Dispose();
            }
        }

        _loadLock.Dispose();
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "DataGuard created {Kind} key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, int keyId, DataKeyKind kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "DataGuard rotated data key {KeyId}: it reached its nonce budget of {Budget} encryptions (Encryption.NonceBudget); key {NewKeyId} is the active data key")]
    private static partial void LogBudgetRotation(ILogger logger, int keyId, long budget, int newKeyId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "DataGuard's key store ({StoreType}) does not count encryptions per key: Encryption.NonceBudget is not enforced. Implement the count in the store, or rotate keys yourself well before 2^32 encryptions per key")]
    private static partial void LogUncounted(ILogger logger, string storeType);

    private sealed record Rotation(int Previous, int Created, long Budget);

    private sealed record Snapshot(Dictionary<int, KeyEntry> ById, KeyEntry? Active, KeyEntry? BlindIndex, DateTimeOffset LoadedAt);
}
