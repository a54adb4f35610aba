using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>
/// The data subjects' own keys (<see cref="EncryptionOptions.SubjectKeys"/>), unwrapped on demand and cached with a
/// bound. Reads find a key by the id its value names: a miss reads the whole aligned block of
/// <see cref="FetchWindow"/> ids around it in one query (keys created together are read together), keeps those records
/// wrapped, and unwraps only the ones a row needs. Writes read the keys of all subjects of a SaveChanges at once and
/// create the missing ones in one write.
/// </summary>
internal sealed partial class SubjectKeyRing
{
    /// <summary>How many key ids a read loads at once: the aligned block holding the missed one.</summary>
    public const int FetchWindow = 1_000;

    private const int LookupChunk = 500;

    private readonly IKeyStore _store;
    private readonly IKeyWrapper _wrapper;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<DataGuardOptions> _options;
    private readonly ILogger<SubjectKeyRing> _logger;
    private readonly ConcurrentDictionary<string, Slot> _bySubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Fetched> _fetched = new();

    public SubjectKeyRing(IKeyStore store, IKeyWrapper wrapper, TimeProvider time, IOptionsMonitor<DataGuardOptions> options, ILogger<SubjectKeyRing> logger)
    {
        _store = store;
        _wrapper = wrapper;
        _time = time;
        _options = options;
        _logger = logger;
    }

    private ISubjectKeyStore Store => _store as ISubjectKeyStore
        ?? throw new InvalidOperationException($"Subject keys need a key store that keeps them: {_store.GetType().Name} does not implement ISubjectKeyStore (the EF Core store and InMemoryKeyStore do).");

    private EncryptionOptions Settings => _options.CurrentValue.Encryption;

    /// <summary>Finds the key a stored value of <paramref name="subject"/> names, loading a window of keys on a miss.</summary>
    public SubjectKeyLookup ResolveForRead(string subject, int keyId)
    {
        var now = _time.GetTimestamp();
        if (_bySubject.TryGetValue(subject, out var slot) && IsFresh(slot.LoadedAt, now))
        {
            Diagnostics.DataGuardMetrics.KeyCacheHit();
            return slot.Lookup(keyId);
        }

        if (!_fetched.TryGetValue(keyId, out var fetched) || !IsFresh(fetched.LoadedAt, now))
        {
            Diagnostics.DataGuardMetrics.KeyCacheMiss();
            // Aligned blocks, so that whatever order rows come in, each block of ids is read at most once.
            var first = (int)Math.Floor(keyId / (double)FetchWindow) * FetchWindow;
            var last = first > int.MaxValue - FetchWindow ? int.MaxValue : first + FetchWindow - 1;
            var records = Store.GetSubjectKeysAsync(first, last, CancellationToken.None).GetAwaiter().GetResult();
            LogWindowLoaded(_logger, records.Count, keyId);

            // Wrapped records are small (about 200 bytes): keep several times as many as unwrapped keys.
            if (_fetched.Count + records.Count > Settings.SubjectKeyCacheSize * 4)
            {
                _fetched.Clear();
            }

            foreach (var record in records)
            {
                if (_bySubject.TryGetValue(record.SubjectId!, out var known) && known.KeyId == record.Id)
                {
                    Remember(record, now); // a stale cached key: refreshed without unwrapping again, unless it was shredded
                }
                else
                {
                    _fetched[record.Id] = new Fetched(record, now);
                }
            }

            if (_bySubject.TryGetValue(subject, out slot) && slot.KeyId == keyId && slot.LoadedAt == now)
            {
                return slot.Lookup(keyId);
            }

            if (!_fetched.TryGetValue(keyId, out fetched))
            {
                return new SubjectKeyLookup(SubjectKeyStatus.Missing, null, keyId);
            }
        }

        if (!string.Equals(fetched.Record.SubjectId, subject, StringComparison.Ordinal))
        {
            return new SubjectKeyLookup(SubjectKeyStatus.OtherSubject, null, keyId);
        }

        _fetched.TryRemove(keyId, out _); // unwrapped from now on; the wrapped copy is no longer needed
        return Remember(fetched.Record, now).Lookup(keyId);
    }

    /// <summary>The keys to encrypt the given subjects' values with, creating the missing ones in one write.</summary>
    public async Task<IReadOnlyDictionary<string, SubjectKeyLookup>> ResolveForWriteAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var result = new Dictionary<string, SubjectKeyLookup>(subjects.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var subject in subjects)
        {
            if (_bySubject.TryGetValue(subject, out var slot) && IsFresh(slot.LoadedAt, now))
            {
                result[subject] = slot.Lookup(slot.KeyId);
            }
            else
            {
                missing.Add(subject);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        await LoadAsync(missing, result, cancellationToken).ConfigureAwait(false);
        missing.RemoveAll(result.ContainsKey);
        if (missing.Count == 0)
        {
            return result;
        }

        try
        {
            Accept(await Store.AddSubjectKeysAsync(missing.ConvertAll(NewRecord), cancellationToken).ConfigureAwait(false), result);
            LogKeysCreated(_logger, missing.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another instance created some of them first: read those, and create the rest one by one.
            LogCreateRace(_logger, ex);
            await LoadAsync(missing, result, cancellationToken).ConfigureAwait(false);
            foreach (var subject in missing.Where(s => !result.ContainsKey(s)))
            {
                Accept(await Store.AddSubjectKeysAsync([NewRecord(subject)], cancellationToken).ConfigureAwait(false), result);
            }
        }

        return result;
    }

    /// <summary>Destroys a subject's key, or records a tombstone when the subject has none yet.</summary>
    /// <returns>The tombstone's key id, and whether this call shredded it (false when it already was).</returns>
    public async Task<(int KeyId, bool Shredded)> ShredAsync(string subject, CancellationToken cancellationToken)
    {
        var store = Store;
        for (var attempt = 0; ; attempt++)
        {
            var found = await store.GetSubjectKeysAsync([subject], cancellationToken).ConfigureAwait(false);
            var record = found.Count == 0 ? null : found[0];
            try
            {
                if (record is null)
                {
                    record = NewRecord(subject, shredded: true);
                    record = (await store.AddSubjectKeysAsync([record], cancellationToken).ConfigureAwait(false))[0];
                }
                else if (record.Status == DataKeyStatus.Shredded)
                {
                    Remember(record, _time.GetTimestamp());
                    return (record.Id, false);
                }
                else
                {
                    record.Status = DataKeyStatus.Shredded;
                    record.WrappedKey = null;
                    record.StatusChangedAt = _time.GetUtcNow();
                    await store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (attempt == 0 && record?.Id == 0 && ex is not OperationCanceledException)
            {
                continue; // the subject's first write created a key meanwhile: shred that one
            }

            _fetched.TryRemove(record.Id, out _);
            Remember(record, _time.GetTimestamp());
            return (record.Id, true);
        }
    }

    private async Task LoadAsync(List<string> subjects, Dictionary<string, SubjectKeyLookup> result, CancellationToken cancellationToken)
    {
        for (var i = 0; i < subjects.Count; i += LookupChunk)
        {
            var chunk = subjects.GetRange(i, Math.Min(LookupChunk, subjects.Count - i));
            Accept(await Store.GetSubjectKeysAsync(chunk, cancellationToken).ConfigureAwait(false), result);
        }
    }

    private void Accept(IReadOnlyList<DataKeyRecord> records, Dictionary<string, SubjectKeyLookup> result)
    {
        var now = _time.GetTimestamp();
        foreach (var record in records)
        {
            var slot = Remember(record, now);
            result[record.SubjectId!] = slot.Lookup(slot.KeyId);
        }
    }

    private Slot Remember(DataKeyRecord record, long now)
    {
        var known = _bySubject.TryGetValue(record.SubjectId!, out var existing) ? existing : null;
        var slot = record.Status == DataKeyStatus.Shredded || record.WrappedKey is null ? new Slot(null, record.Id, now)
            : known is { Key: not null } && known.KeyId == record.Id ? known with { LoadedAt = now } // a key never changes; only its status can
            : new Slot(Unwrap(record), record.Id, now);
        var capacity = Settings.SubjectKeyCacheSize;
        if (known is null && _bySubject.Count >= capacity)
        {
            // A bound, not an LRU: drop a quarter of the entries; they are read again (a window at a time) when needed.
            // Dropped entries are not disposed under a reader that may still hold them; the GC collects them.
            var toDrop = Math.Max(1, capacity / 4);
            foreach (var key in _bySubject.Keys)
            {
                if (toDrop-- <= 0)
                {
                    break;
                }

                _bySubject.TryRemove(key, out _);
            }
        }

        _bySubject[record.SubjectId!] = slot;
        return slot;
    }

    private DataKeyRecord NewRecord(string subject) => NewRecord(subject, shredded: false);

    private DataKeyRecord NewRecord(string subject, bool shredded)
    {
        var now = _time.GetUtcNow();
        if (shredded)
        {
            return new DataKeyRecord { Kind = DataKeyKind.Subject, Status = DataKeyStatus.Shredded, SubjectId = subject, CreatedAt = now, StatusChangedAt = now };
        }

        var material = GC.AllocateArray<byte>(KeyEntry.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            return new DataKeyRecord { Kind = DataKeyKind.Subject, Status = DataKeyStatus.Active, SubjectId = subject, WrappedKey = _wrapper.Wrap(material), CreatedAt = now };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private KeyEntry Unwrap(DataKeyRecord record) => KeyEntry.Unwrap(_wrapper, record);

    /// <summary>Forgets every cached key (benchmarks measure reads with a cold cache).</summary>
    internal void ClearCache()
    {
        _bySubject.Clear();
        _fetched.Clear();
    }

    private bool IsFresh(long loadedAt, long now) => _time.GetElapsedTime(loadedAt, now) < Settings.KeyRefreshInterval;

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "DataGuard loaded {Count} subject keys around key {KeyId}")]
    private static partial void LogWindowLoaded(ILogger logger, int count, int keyId);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Debug, Message = "DataGuard created {Count} subject keys")]
    private static partial void LogKeysCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "DataGuard could not create subject keys in one write (another instance may have created some); creating them one by one")]
    private static partial void LogCreateRace(ILogger logger, Exception exception);

    /// <summary>A subject's key (null once shredded) and when it was read.</summary>
    private sealed record Slot(KeyEntry? Key, int KeyId, long LoadedAt)
    {
        public SubjectKeyLookup Lookup(int keyId)
            => keyId != KeyId ? new SubjectKeyLookup(SubjectKeyStatus.OtherSubject, null, keyId)
                : Key is null ? new SubjectKeyLookup(SubjectKeyStatus.Shredded, null, KeyId)
                : new SubjectKeyLookup(SubjectKeyStatus.Found, Key, KeyId);
    }

    private sealed record Fetched(DataKeyRecord Record, long LoadedAt);
}
