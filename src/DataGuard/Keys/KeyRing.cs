using System.Security.Cryptography;
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
    private readonly SemaphoreSlim _loadLock = new(1, 1);

    /// <summary>Set while this flow loads or writes the ring: the key store's own SaveChanges (and its transaction) must
    /// not ask the ring to get ready again, or it would wait on the lock it holds.</summary>
    private static readonly AsyncLocal<bool> InsideRing = new();
    private volatile Snapshot? _snapshot;

    public KeyRing(IKeyStore store, IKeyWrapper wrapper, TimeProvider time, IOptionsMonitor<DataGuardOptions> options, ILogger<KeyRing> logger)
    {
        _store = store;
        _wrapper = wrapper;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Whether the ring has been loaded from the store at least once.</summary>
    public bool IsLoaded => _snapshot is not null;

    /// <summary>The key new values are encrypted with.</summary>
    /// <exception cref="DataGuardCryptoException">The ring holds no active key.</exception>
    public KeyEntry ActiveKey => (_snapshot ?? LoadSync()).Active
        ?? throw new DataGuardCryptoException("DataGuard's key ring has no active data key; it is created on the first SaveChanges, or by IKeyManager.RotateAsync().");

    /// <summary>The key blind-index keys are derived from.</summary>
    public KeyEntry BlindIndexKey => (_snapshot ?? LoadSync()).BlindIndex
        ?? throw new DataGuardCryptoException("DataGuard's key ring has no blind-index key; it is created on the first SaveChanges.");

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
    public async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (InsideRing.Value)
        {
            return;
        }

        var snapshot = _snapshot;
        if (snapshot is { Active: not null, BlindIndex: not null } && _time.GetUtcNow() - snapshot.LoadedAt < _options.CurrentValue.Encryption.KeyRefreshInterval)
        {
            return;
        }

        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        InsideRing.Value = true;
        try
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
        finally
        {
            InsideRing.Value = false;
            _loadLock.Release();
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

    private sealed record Snapshot(Dictionary<int, KeyEntry> ById, KeyEntry? Active, KeyEntry? BlindIndex, DateTimeOffset LoadedAt);
}
