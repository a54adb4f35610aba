using System.Collections.Concurrent;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.Extensions.Options;

namespace DataGuard.Purposes;

/// <summary>
/// Subjects' consent states shared by the purpose scopes of one application, so a scope opened per request or per job
/// does not pay a database lookup for every subject it reads. An entry lives for
/// <see cref="PurposeLimitationOptions.ConsentCacheDuration"/> at most, and a consent record written through this
/// application's <see cref="IConsentService"/> drops the subject's entries at once (<see cref="Forget"/>). So a
/// withdrawal made here stops the next read; one made by another instance stops reads within the duration. Entries are
/// kept per tenant (<see cref="ITenantContext.Current"/>, read at each call): one tenant's consent never answers for the
/// same subject id in another.
/// </summary>
internal sealed class PurposeConsentCache(IOptions<DataGuardOptions> options, TimeProvider time, ITenantContext tenants)
{
    /// <summary>More entries than this and the cache starts over: a bound on memory, not a tuning knob.</summary>
    internal const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string? Tenant, string Subject), ConcurrentDictionary<string, Entry>> _subjects = new();
    private readonly TimeSpan _duration = options.Value.PurposeLimitation.ConsentCacheDuration;
    private long _generation;
    private int _count;

    /// <summary>Moves on every <see cref="Forget"/>: a lookup that started before a consent write must not store the
    /// state it read, which the write may have changed.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The cache clock's timestamp: taken before a lookup and passed to <see cref="Set"/>, so an entry's age
    /// counts from when its state was read.</summary>
    public long Timestamp() => time.GetTimestamp();

    /// <summary>The tenant whose entries the calls on this flow read and write, or <see langword="null"/>.</summary>
    public string? Tenant => tenants.Current;

    public bool TryGet(SubjectId subject, Purpose purpose, out ConsentStatus status)
    {
        status = default;
        if (_duration <= TimeSpan.Zero || !_subjects.TryGetValue((tenants.Current, subject.Value), out var purposes)
            || !purposes.TryGetValue(purpose.Name, out var entry) || time.GetElapsedTime(entry.FetchedAt) >= _duration)
        {
            return false;
        }

        // Expiry is a matter of time, not of records: a grant that has expired since the lookup is expired now.
        status = entry.Status == ConsentStatus.Granted && entry.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow()
            ? ConsentStatus.Expired
            : entry.Status;
        return true;
    }

    /// <summary>Stores a state read while <see cref="Generation"/> was <paramref name="generation"/>; dropped when a
    /// consent record was written since.</summary>
    public void Set(SubjectId subject, Purpose purpose, ConsentState state, long generation, long fetchedAt)
    {
        if (_duration <= TimeSpan.Zero || generation != Generation)
        {
            return;
        }

        var key = (tenants.Current, subject.Value);
        if (!_subjects.TryGetValue(key, out var purposes))
        {
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                _subjects.Clear();
                Interlocked.Exchange(ref _count, 0);
            }

            purposes = _subjects.GetOrAdd(key, static _ => new(StringComparer.Ordinal));
        }

        purposes[purpose.Name] = new Entry(state.Status, state.ExpiresAt, fetchedAt);
        if (generation != Generation)
        {
            // A consent record was written while this entry was being stored: it may be the older state.
            purposes.TryRemove(purpose.Name, out _);
        }
    }

    /// <summary>Drops every cached state of the current tenant's subject: called after a consent record of theirs is
    /// stored.</summary>
    public void Forget(SubjectId subject)
    {
        Interlocked.Increment(ref _generation);
        if (_subjects.TryRemove((tenants.Current, subject.Value), out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private readonly record struct Entry(ConsentStatus Status, DateTimeOffset? ExpiresAt, long FetchedAt);
}
