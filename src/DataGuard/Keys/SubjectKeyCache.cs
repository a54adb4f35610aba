using System.Collections.Concurrent;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using DataGuard.Subjects;
using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>
/// The subject keys of this instance, cached with a bound: unwrapped keys by subject, and the wrapped records of the
/// windows read for a missed key id (keys created together are read together). A read of a window holds that window's
/// lock and checks again once it holds it, so concurrent readers of one cold or stale window read it once; an id the
/// window did not hold is not looked for again within <see cref="UnknownKeyIds.RetryInterval"/>.
/// </summary>
internal sealed class SubjectKeyCache(KeyRingContext context, Func<ISubjectKeyStore> store)
{
    /// <summary>How many key ids a read loads at once: the aligned block holding the missed one.</summary>
    public const int FetchWindow = 1_000;

    /// <summary>Window reads of different windows run side by side unless their locks collide.</summary>
    private const int WindowLocks = 16;

    private readonly ConcurrentDictionary<string, SubjectKeySlot> _bySubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Fetched> _fetched = new();
    private readonly UnknownKeyIds _unknown = new(context.Time);
    private readonly Lock[] _windowLocks = [.. Enumerable.Range(0, WindowLocks).Select(static _ => new Lock())];

    private EncryptionOptions Settings => context.Settings;

    /// <summary>The subject's cached key when it was read within the key refresh interval.</summary>
    public bool TryGetFresh(string subject, long now, out SubjectKeySlot slot)
        => _bySubject.TryGetValue(subject, out slot) && IsFresh(slot.LoadedAt, now);

    /// <summary>The subject's cached key when it was read within the key refresh interval, found by the id's characters
    /// (no string made per row); <paramref name="subjectId"/> is the cache's own string of the id, or
    /// <see langword="null"/> when the subject is not cached.</summary>
    public bool TryGetFresh(ReadOnlySpan<char> subject, long now, out string? subjectId, out SubjectKeySlot slot)
        => _bySubject.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(subject, out subjectId, out slot) && IsFresh(slot.LoadedAt, now);

    /// <summary>Finds the key a value of <paramref name="subject"/> names when the subject has no fresh cached key:
    /// from a window read before, or by reading the window that holds <paramref name="keyId"/>.</summary>
    public SubjectKeyLookup ResolveMiss(string subject, int keyId, long now)
    {
        if (!TryGetFetched(keyId, now, out var record))
        {
            lock (WindowLock(keyId))
            {
                // Checked again under the lock: a reader that waited for it finds what another one just read.
                if (TryGetFresh(subject, now, out var slot))
                {
                    return slot.Lookup(keyId);
                }

                if (!TryGetFetched(keyId, now, out record) && !TryReadWindow(subject, keyId, now, out record, out var lookup))
                {
                    return lookup;
                }
            }
        }

        if (!string.Equals(record.SubjectId, subject, StringComparison.Ordinal))
        {
            return new SubjectKeyLookup(SubjectKeyStatus.OtherSubject, null, keyId);
        }

        _fetched.TryRemove(keyId, out _); // unwrapped from now on; the wrapped copy is no longer needed
        return Remember(record, now).Lookup(keyId);
    }

    /// <summary>Caches a subject's key record (unwrapping it unless the same key is cached already).</summary>
    public SubjectKeySlot Remember(DataKeyRecord record, long now)
    {
        var isKnown = _bySubject.TryGetValue(record.SubjectId!, out var known);
        var slot = record.Status == DataKeyStatus.Shredded || record.WrappedKey is null ? new SubjectKeySlot(null, record.Id, now)
            : isKnown && known.Key is not null && known.KeyId == record.Id ? known with { LoadedAt = now } // a key never changes; only its status can
            : new SubjectKeySlot(KeyEntry.Unwrap(context.Wrapper, record), record.Id, now);
        if (!isKnown && _bySubject.Count >= Settings.SubjectKeyCacheSize)
        {
            DropSome();
        }

        _bySubject[record.SubjectId!] = slot;
        return slot;
    }

    /// <summary>Forgets a wrapped record read with a window (its key was shredded or is cached unwrapped).</summary>
    public void Forget(int keyId) => _fetched.TryRemove(keyId, out _);

    /// <summary>Forgets every cached key (benchmarks measure reads with a cold cache).</summary>
    public void Clear()
    {
        _bySubject.Clear();
        _fetched.Clear();
        _unknown.Clear();
    }

    /// <summary>Reads the window holding <paramref name="keyId"/>; when that finds the key's record,
    /// <paramref name="record"/> is it; otherwise <paramref name="lookup"/> is the answer. Runs under the window's lock.</summary>
    private bool TryReadWindow(string subject, int keyId, long now, out DataKeyRecord record, out SubjectKeyLookup lookup)
    {
        record = null!;
        lookup = new SubjectKeyLookup(SubjectKeyStatus.Missing, null, keyId);
        if (_unknown.IsRecentlyMissing(keyId, Settings.KeyRefreshInterval))
        {
            return false;
        }

        ReadWindow(keyId, now);
        if (TryGetFresh(subject, now, out var slot) && slot.KeyId == keyId)
        {
            lookup = slot.Lookup(keyId); // the subject's stale key, refreshed by the read
            return false;
        }

        if (TryGetFetched(keyId, now, out record))
        {
            return true;
        }

        _unknown.Add(keyId);
        return false;
    }

    private void ReadWindow(int keyId, long now)
    {
        Diagnostics.DataGuardMetrics.KeyCacheMiss();

        // Aligned blocks, so that whatever order rows come in, each block of ids is read at most once.
        var first = (int)Math.Floor(keyId / (double)FetchWindow) * FetchWindow;
        var last = first > int.MaxValue - FetchWindow ? int.MaxValue : first + FetchWindow - 1;
        var records = store().GetSubjectKeysAsync(first, last, CancellationToken.None).GetAwaiter().GetResult();
        KeysLog.LogWindowLoaded(context.Logger, records.Count, keyId);

        // Wrapped records are small (about 200 bytes): keep several times as many as unwrapped keys.
        if (_fetched.Count + records.Count > Settings.SubjectKeyCacheSize * 4)
        {
            _fetched.Clear();
        }

        foreach (var record in records.Where(context.Owns))
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
    }

    /// <summary>A bound, not an LRU: drops a quarter of the entries; they are read again (a window at a time) when
    /// needed. Dropped entries are not disposed under a reader that may still hold them; the GC collects them.</summary>
    private void DropSome()
    {
        var toDrop = Math.Max(1, Settings.SubjectKeyCacheSize / 4);
        foreach (var key in _bySubject.Keys)
        {
            if (toDrop-- <= 0)
            {
                break;
            }

            _bySubject.TryRemove(key, out _);
        }
    }

    private bool TryGetFetched(int keyId, long now, out DataKeyRecord record)
    {
        var found = _fetched.TryGetValue(keyId, out var fetched) && IsFresh(fetched.LoadedAt, now);
        record = found ? fetched!.Record : null!;
        return found;
    }

    private Lock WindowLock(int keyId) => _windowLocks[(int)((uint)(keyId / FetchWindow) % WindowLocks)];

    private bool IsFresh(long loadedAt, long now) => context.Time.GetElapsedTime(loadedAt, now) < Settings.KeyRefreshInterval;

    /// <summary>A wrapped record read with a window, and when.</summary>
    private sealed record Fetched(DataKeyRecord Record, long LoadedAt);
}
