using System.Collections.Concurrent;

namespace DataGuard.Keys;

/// <summary>
/// Key ids a fresh read of the store did not find. A value naming such a key fails without reading the store again
/// until <see cref="RetryInterval"/> has passed, so a column full of values under a missing key (a restored backup, a
/// foreign value) costs one read per interval, not one synchronous read per value. Only the missing id waits: a key
/// created since (another instance rotated) has a new id, so its first read still reloads.
/// </summary>
internal sealed class UnknownKeyIds(TimeProvider time)
{
    /// <summary>How long a missing id is believed missing (never longer than the key refresh interval).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>A bound on remembered ids: ids come from stored values, so their number is not ours to choose.</summary>
    private const int Capacity = 1_024;

    private readonly ConcurrentDictionary<int, long> _seenAt = new();

    /// <summary>Whether <paramref name="keyId"/> was missing from a read less than the retry interval ago.</summary>
    public bool IsRecentlyMissing(int keyId, TimeSpan refreshInterval)
        => !_seenAt.IsEmpty
           && _seenAt.TryGetValue(keyId, out var at)
           && time.GetElapsedTime(at) < (refreshInterval < RetryInterval ? refreshInterval : RetryInterval);

    /// <summary>Records that a read of the store just now did not find <paramref name="keyId"/>.</summary>
    public void Add(int keyId)
    {
        if (_seenAt.Count >= Capacity)
        {
            _seenAt.Clear();
        }

        _seenAt[keyId] = time.GetTimestamp();
    }

    public void Clear() => _seenAt.Clear();
}
