using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DataGuard.Encryption;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// What an instance keeps in memory of its tenants' keys (their key rings, subject-key caches or key-encryption keys),
/// for at most <see cref="EncryptionOptions.TenantKeyCacheSize"/> tenants: adding one more evicts the least recently used
/// tenant, whose keys are unwrapped again on its next use. A hit costs a dictionary lookup and, only when another tenant
/// was used since, one increment of a shared counter; eviction scans the entries, once per tenant added beyond the bound.
/// </summary>
/// <remarks>An evicted value may still be in use by an operation that looked it up just before, so it is not released
/// at once: it is released (its key material zeroed) by the first insertion at least <see cref="ReleaseDelay"/> later,
/// or when the cache is disposed; until then the entries' finalizers zero it if it is collected first.</remarks>
/// <typeparam name="T">What is cached per tenant.</typeparam>
internal sealed class TenantKeyCache<T>(Func<int> capacity, TimeProvider time, Action<T>? release = null) : IDisposable
    where T : class
{
    /// <summary>How long an evicted value stays unreleased, for operations that still hold it.</summary>
    public static readonly TimeSpan ReleaseDelay = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<(T Value, long EvictedAt)> _evicted = [];
    private long _clock;

    /// <summary>How many tenants are cached.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached values (to dispose them with their owner).</summary>
    public IEnumerable<T> Values => _entries.Values.Select(static e => e.Value);

    /// <summary>The tenant's value, created by <paramref name="create"/> (outside any lock) on a miss.</summary>
    public T GetOrAdd<TArg>(string tenant, Func<string, TArg, T> create, TArg argument)
    {
        if (TryGet(tenant, out var value))
        {
            return value;
        }

        var created = create(tenant, argument);
        lock (_lock)
        {
            if (_entries.TryGetValue(tenant, out var raced))
            {
                return raced.Value; // another flow added it first; the created value was never handed out
            }

            _entries[tenant] = new Entry(created, ++_clock);
            EvictBeyondCapacity();
            return created;
        }
    }

    /// <summary>The tenant's value, if cached; marks it as used.</summary>
    public bool TryGet(string tenant, [MaybeNullWhen(false)] out T value)
    {
        if (_entries.TryGetValue(tenant, out var entry))
        {
            // Written only when another tenant was used or added since: one tenant's steady reads never write.
            if (Volatile.Read(ref entry.LastUsed) != Volatile.Read(ref _clock))
            {
                Volatile.Write(ref entry.LastUsed, Interlocked.Increment(ref _clock));
            }

            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Replaces the tenant's value (a reload); the old one is released like an evicted one.</summary>
    public void Set(string tenant, T value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(tenant, out var old) && !ReferenceEquals(old.Value, value))
            {
                _evicted.Add((old.Value, time.GetTimestamp()));
            }

            _entries[tenant] = new Entry(value, ++_clock);
            EvictBeyondCapacity();
        }
    }

    /// <summary>Removes the tenant's value without releasing it (the caller decides).</summary>
    public bool TryRemove(string tenant, [MaybeNullWhen(false)] out T value)
    {
        lock (_lock)
        {
            if (_entries.TryRemove(tenant, out var entry))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Removes every value without releasing it.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    /// <summary>Releases every value, cached or evicted.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (value, _) in _evicted)
            {
                release?.Invoke(value);
            }

            foreach (var entry in _entries.Values)
            {
                release?.Invoke(entry.Value);
            }

            _evicted.Clear();
            _entries.Clear();
        }
    }

    /// <summary>Evicts least recently used tenants down to the capacity, and releases values evicted long enough ago.
    /// Runs under the lock.</summary>
    private void EvictBeyondCapacity()
    {
        var now = time.GetTimestamp();
        if (_evicted.Count > 0)
        {
            foreach (var (value, _) in _evicted.Where(e => time.GetElapsedTime(e.EvictedAt, now) >= ReleaseDelay))
            {
                release?.Invoke(value);
            }

            _evicted.RemoveAll(e => time.GetElapsedTime(e.EvictedAt, now) >= ReleaseDelay);
        }

        var bound = Math.Max(1, capacity());
        while (_entries.Count > bound)
        {
            var oldest = _entries.MinBy(static e => Volatile.Read(ref e.Value.LastUsed));
            _entries.TryRemove(oldest.Key, out _);
            _evicted.Add((oldest.Value.Value, now));
        }
    }

    private sealed class Entry(T value, long lastUsed)
    {
        public long LastUsed = lastUsed;

        public T Value { get; } = value;
    }
}
