using System.Security.Cryptography;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using DataGuard.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>
/// The data subjects' own keys (<see cref="EncryptionOptions.SubjectKeys"/>), unwrapped on demand and cached with a
/// bound (<see cref="SubjectKeyCache"/>). Reads find a key by the id its value names: a miss reads the whole aligned
/// block of <see cref="FetchWindow"/> ids around it in one query (keys created together are read together), keeps those
/// records wrapped, and unwraps only the ones a row needs. Writes read the keys of all subjects of a SaveChanges at once
/// and create the missing ones in one write.
/// </summary>
internal sealed class SubjectKeyRing
{
    /// <summary>How many key ids a read loads at once: the aligned block holding the missed one.</summary>
    public const int FetchWindow = SubjectKeyCache.FetchWindow;

    private const int LookupChunk = 500;

    private readonly KeyRingContext _context;
    private readonly SubjectKeyCache _cache;

    public SubjectKeyRing(IKeyStore store, IKeyWrapper wrapper, TimeProvider time, IOptionsMonitor<DataGuardOptions> options, ILogger<SubjectKeyRing> logger)
    {
        _context = new KeyRingContext(store, wrapper, time, options, logger);
        _cache = new SubjectKeyCache(_context, () => Store);
    }

    private ISubjectKeyStore Store => _context.Store as ISubjectKeyStore
        ?? throw new InvalidOperationException($"Subject keys need a key store that keeps them: {_context.Store.GetType().Name} does not implement " +
            "ISubjectKeyStore (the EF Core store and InMemoryKeyStore do).");

    /// <summary>Finds the key a stored value of <paramref name="subject"/> names, loading a window of keys on a miss.</summary>
    public SubjectKeyLookup ResolveForRead(string subject, int keyId)
    {
        var now = _context.Time.GetTimestamp();
        if (_cache.TryGetFresh(subject, now, out var slot))
        {
            Diagnostics.DataGuardMetrics.KeyCacheHit();
            return slot.Lookup(keyId);
        }

        return _cache.ResolveMiss(subject, keyId, now);
    }

    /// <summary>The keys to encrypt the given subjects' values with, creating the missing ones in one write.</summary>
    public async Task<IReadOnlyDictionary<string, SubjectKeyLookup>> ResolveForWriteAsync(
        IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken)
    {
        var now = _context.Time.GetTimestamp();
        var result = new Dictionary<string, SubjectKeyLookup>(subjects.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var subject in subjects)
        {
            if (_cache.TryGetFresh(subject, now, out var slot))
            {
                result[subject] = slot.Lookup(slot.KeyId);
            }
            else
            {
                missing.Add(subject);
            }
        }

        if (missing.Count > 0)
        {
            await LoadAsync(missing, result, cancellationToken).ConfigureAwait(false);
            missing.RemoveAll(result.ContainsKey);
        }

        if (missing.Count > 0)
        {
            await CreateAsync(missing, result, cancellationToken).ConfigureAwait(false);
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
                    _cache.Remember(record, _context.Time.GetTimestamp());
                    return (record.Id, false);
                }
                else
                {
                    record.Status = DataKeyStatus.Shredded;
                    record.WrappedKey = null;
                    record.StatusChangedAt = _context.Time.GetUtcNow();
                    await store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (attempt == 0 && record?.Id == 0 && ex is not OperationCanceledException)
            {
                continue; // the subject's first write created a key meanwhile: shred that one
            }

            _cache.Forget(record.Id);
            _cache.Remember(record, _context.Time.GetTimestamp());
            return (record.Id, true);
        }
    }

    /// <summary>Forgets every cached key (benchmarks measure reads with a cold cache).</summary>
    internal void ClearCache() => _cache.Clear();

    /// <summary>Creates the keys of subjects that have none, in one write; when another instance created some of them
    /// first, reads those and creates the rest one by one.</summary>
    private async Task CreateAsync(List<string> missing, Dictionary<string, SubjectKeyLookup> result, CancellationToken cancellationToken)
    {
        try
        {
            Accept(await Store.AddSubjectKeysAsync(missing.ConvertAll(NewRecord), cancellationToken).ConfigureAwait(false), result);
            KeysLog.LogKeysCreated(_context.Logger, missing.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            KeysLog.LogCreateRace(_context.Logger, ex);
            await LoadAsync(missing, result, cancellationToken).ConfigureAwait(false);
            foreach (var subject in missing.Where(s => !result.ContainsKey(s)))
            {
                Accept(await Store.AddSubjectKeysAsync([NewRecord(subject)], cancellationToken).ConfigureAwait(false), result);
            }
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
        var now = _context.Time.GetTimestamp();
        foreach (var record in records)
        {
            var slot = _cache.Remember(record, now);
            result[record.SubjectId!] = slot.Lookup(slot.KeyId);
        }
    }

    private DataKeyRecord NewRecord(string subject) => NewRecord(subject, shredded: false);

    private DataKeyRecord NewRecord(string subject, bool shredded)
    {
        var now = _context.Time.GetUtcNow();
        if (shredded)
        {
            return new DataKeyRecord
            {
                Kind = DataKeyKind.Subject,
                Status = DataKeyStatus.Shredded,
                SubjectId = subject,
                CreatedAt = now,
                StatusChangedAt = now,
            };
        }

        var material = GC.AllocateArray<byte>(KeyEntry.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            return new DataKeyRecord
            {
                Kind = DataKeyKind.Subject,
                Status = DataKeyStatus.Active,
                SubjectId = subject,
                WrappedKey = _context.Wrapper.Wrap(material),
                CreatedAt = now,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
