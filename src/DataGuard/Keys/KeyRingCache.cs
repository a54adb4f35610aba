using System.Diagnostics.CodeAnalysis;

namespace DataGuard.Keys;

/// <summary>
/// Loading and caching of the ring's keys: the published <see cref="KeyRingSnapshot"/>, the load lock that every
/// reload and key-store write of the ring holds, and the ids a reload did not find. Whoever waited for the lock checks
/// again once it holds it, so concurrent readers of a stale ring (or of a new key id) reload once, not once each.
/// </summary>
internal sealed class KeyRingCache : IDisposable
{
    /// <summary>Set while this flow loads or writes the ring: the key store's own SaveChanges (and its transaction) must
    /// not ask the ring to get ready again, or it would wait on the lock it holds.</summary>
    private static readonly AsyncLocal<bool> InsideRing = new();

    private readonly KeyRingContext _context;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly UnknownKeyIds _unknown;
    private volatile KeyRingSnapshot? _snapshot;

    public KeyRingCache(KeyRingContext context)
    {
        _context = context;
        _unknown = new UnknownKeyIds(context.Time);
    }

    /// <summary>Whether this flow holds the load lock (it is loading or writing the ring).</summary>
    public static bool IsInsideRing => InsideRing.Value;

    /// <summary>Marks this flow as inside the ring for a key-store write made without the load lock (a tenant's first
    /// key-encryption key), so that the store's SaveChanges does not ask a ring to get ready; returns what to restore.</summary>
    public static bool EnterStoreWrite()
    {
        var was = InsideRing.Value;
        InsideRing.Value = true;
        return was;
    }

    /// <summary>Restores the flag <see cref="EnterStoreWrite"/> set.</summary>
    public static void ExitStoreWrite(bool was) => InsideRing.Value = was;

    /// <summary>The keys as last loaded; <see langword="null"/> before the first load.</summary>
    public KeyRingSnapshot? Current => _snapshot;

    /// <summary>The keys, loaded synchronously if nothing has loaded them yet.</summary>
    public KeyRingSnapshot GetOrLoad() => _snapshot ?? LoadFirst();

    /// <summary>Whether <paramref name="snapshot"/> holds both keys and is younger than the key refresh interval.</summary>
    public bool IsFresh([NotNullWhen(true)] KeyRingSnapshot? snapshot)
        => snapshot is { Active: not null, BlindIndex: not null }
           && _context.Time.GetUtcNow() - snapshot.LoadedAt < _context.Settings.KeyRefreshInterval;

    /// <summary>Finds a key by id for decryption, reloading once if this instance has not seen it yet; an id that
    /// reload did not find is not looked for again within <see cref="UnknownKeyIds.RetryInterval"/>.</summary>
    public KeyEntry? Find(int keyId)
    {
        var snapshot = _snapshot ?? LoadFirst();
        if (snapshot.ById.TryGetValue(keyId, out var key))
        {
            return key;
        }

        return _unknown.IsRecentlyMissing(keyId, _context.Settings.KeyRefreshInterval) ? null : ReloadFor(keyId);
    }

    /// <summary>Waits for the load lock; the caller then calls <see cref="Enter"/> in its own frame (an async local set
    /// inside this method would not reach it).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _loadLock.WaitAsync(cancellationToken);

    /// <summary>Marks this flow as inside the ring, once it holds the lock taken by <see cref="WaitAsync"/>.</summary>
    public KeyRingLock Enter()
    {
        InsideRing.Value = true;
        return new KeyRingLock(this);
    }

    /// <summary>Takes the load lock synchronously (a read or an encryption inside a value converter).</summary>
    public KeyRingLock Lock()
    {
        _loadLock.Wait();
        return Enter();
    }

    /// <summary>Unwraps and publishes what the store holds. Runs under the load lock.</summary>
    public KeyRingSnapshot Publish(IReadOnlyList<DataKeyRecord> records)
    {
        var snapshot = KeyRingSnapshot.Build(records, _snapshot, _context.Wrapper, _context.Time.GetUtcNow());
        _unknown.Clear();
        _snapshot = snapshot;
        return snapshot;
    }

    /// <summary>Reads the ring's records. Runs under the load lock.</summary>
    public Task<IReadOnlyList<DataKeyRecord>> ReadAsync(CancellationToken cancellationToken) => _context.ReadRingAsync(cancellationToken);

    /// <summary>Reads the ring's records synchronously (the read path of a value converter). Runs under the load lock.</summary>
    private IReadOnlyList<DataKeyRecord> ReadSync() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    internal void Exit()
    {
        InsideRing.Value = false;
        _loadLock.Release();
    }

    private KeyRingSnapshot LoadFirst()
    {
        using var held = Lock();
        return _snapshot ?? Publish(ReadSync());
    }

    private KeyEntry? ReloadFor(int keyId)
    {
        using var held = Lock();

        // Another reader may have reloaded while this one waited: it found the key, or found it missing.
        if (_snapshot!.ById.TryGetValue(keyId, out var key) || _unknown.IsRecentlyMissing(keyId, _context.Settings.KeyRefreshInterval))
        {
            return key;
        }

        // A value names a key this instance has not loaded yet (another instance rotated): once per new key.
        if (!Publish(ReadSync()).ById.TryGetValue(keyId, out key))
        {
            _unknown.Add(keyId);
        }

        return key;
    }

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
}
