using System.Security.Cryptography;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using DataGuard.Subjects;
using DataGuard.Tenants.Keys;

namespace DataGuard.Keys;

/// <summary>
/// The data subjects' own keys (<see cref="EncryptionOptions.SubjectKeys"/>), unwrapped on demand and cached with a
/// bound (<see cref="SubjectKeyCache"/>). Reads find a key by the id its value names: a miss reads the whole aligned
/// block of <see cref="FetchWindow"/> ids around it in one query (keys created together are read together), keeps those
/// records wrapped, and unwraps only the ones a row needs. Writes read the keys of all subjects of a SaveChanges at once
/// and create the missing ones in one write. Each tenant has a cache of its own (and the platform one for work without a
/// tenant): a tenant's subject keys are wrapped by its key-encryption key, and keys of other tenants a store returns are
/// never used.
/// </summary>
internal sealed class SubjectKeyRing : IDisposable
{
    /// <summary>How many key ids a read loads at once: the aligned block holding the missed one.</summary>
    public const int FetchWindow = SubjectKeyCache.FetchWindow;

    private const int LookupChunk = 500;

    private readonly SubjectKeyPartition _platform;
    private readonly TenantKeyEncryptionKeys? _tenantKeys;
    private readonly TenantKeyCache<SubjectKeyPartition> _tenants;

    public SubjectKeyRing(KeyRingContext platform, TenantKeyEncryptionKeys? tenantKeys = null)
    {
        _platform = new SubjectKeyPartition(platform);
        _tenantKeys = tenantKeys;
        _tenants = new(() => platform.Settings.TenantKeyCacheSize, platform.Time); // evicted keys are zeroed when collected
        _tenantKeys?.OnShredded(tenant => _tenants.TryRemove(tenant, out _));
    }

    /// <summary>The current tenant's subject keys, or the platform's.</summary>
    private SubjectKeyPartition Current => _tenantKeys?.CurrentTenant is { } tenant
        ? _tenants.GetOrAdd(tenant, static (t, p) => new SubjectKeyPartition(p._platform.Context with { Wrapper = p._tenantKeys!.For(t), Tenant = t }), this)
        : _platform;

    /// <summary>Finds the key a stored value of <paramref name="subject"/> names, loading a window of keys on a miss.</summary>
    public SubjectKeyLookup ResolveForRead(string subject, int keyId)
    {
        var partition = Current;
        var now = partition.Context.Time.GetTimestamp();
        if (partition.Cache.TryGetFresh(subject, now, out var slot))
        {
            Diagnostics.DataGuardMetrics.KeyCacheHit();
            return slot.Lookup(keyId);
        }

        return partition.Cache.ResolveMiss(subject, keyId, now);
    }

    /// <summary>Finds the key a stored value of the subject whose id's text is <paramref name="subject"/> names, like
    /// <see cref="ResolveForRead(string, int)"/>, without making a string of the id when the key is cached (a row's
    /// read); <paramref name="subjectId"/> is the id as a string, the cache's own when it has one.</summary>
    public SubjectKeyLookup ResolveForRead(ReadOnlySpan<char> subject, int keyId, out string subjectId)
    {
        var partition = Current;
        var now = partition.Context.Time.GetTimestamp();
        if (partition.Cache.TryGetFresh(subject, now, out var cached, out var slot))
        {
            Diagnostics.DataGuardMetrics.KeyCacheHit();
            subjectId = cached!;
            return slot.Lookup(keyId);
        }

        subjectId = cached ?? subject.ToString();
        return partition.Cache.ResolveMiss(subjectId, keyId, now);
    }

    /// <summary>The keys to encrypt the given subjects' values with, creating the missing ones in one write.</summary>
    public async Task<IReadOnlyDictionary<string, SubjectKeyLookup>> ResolveForWriteAsync(
        IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken)
    {
        var partition = Current;
        var now = partition.Context.Time.GetTimestamp();
        var result = new Dictionary<string, SubjectKeyLookup>(subjects.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var subject in subjects)
        {
            if (partition.Cache.TryGetFresh(subject, now, out var slot))
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
            await LoadAsync(partition, missing, result, cancellationToken).ConfigureAwait(false);
            missing.RemoveAll(result.ContainsKey);
        }

        if (missing.Count > 0)
        {
            await CreateAsync(partition, missing, result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Destroys a subject's key, or records a tombstone when the subject has none yet.</summary>
    /// <returns>The tombstone's key id, and whether this call shredded it (false when it already was).</returns>
    public async Task<(int KeyId, bool Shredded)> ShredAsync(string subject, CancellationToken cancellationToken)
    {
        var partition = Current;
        var store = partition.Store;
        for (var attempt = 0; ; attempt++)
        {
            var found = (await store.GetSubjectKeysAsync([subject], cancellationToken).ConfigureAwait(false)).Where(partition.Context.Owns).ToList();
            var record = found.Count == 0 ? null : found[0];
            try
            {
                if (record is null)
                {
                    record = NewRecord(partition.Context, subject, shredded: true);
                    record = (await store.AddSubjectKeysAsync([record], cancellationToken).ConfigureAwait(false))[0];
                }
                else if (record.Status == DataKeyStatus.Shredded)
                {
                    partition.Cache.Remember(record, partition.Context.Time.GetTimestamp());
                    return (record.Id, false);
                }
                else
                {
                    record.Status = DataKeyStatus.Shredded;
                    record.WrappedKey = null;
                    record.StatusChangedAt = partition.Context.Time.GetUtcNow();
                    await store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (attempt == 0 && record?.Id == 0 && ex is not OperationCanceledException)
            {
                continue; // the subject's first write created a key meanwhile: shred that one
            }

            partition.Cache.Forget(record.Id);
            partition.Cache.Remember(record, partition.Context.Time.GetTimestamp());
            return (record.Id, true);
        }
    }

    /// <summary>Drops the tenants' caches (their keys are zeroed when collected).</summary>
    public void Dispose() => _tenants.Dispose();

    /// <summary>Forgets every cached key (benchmarks measure reads with a cold cache).</summary>
    internal void ClearCache()
    {
        _platform.Cache.Clear();
        _tenants.Clear();
    }

    /// <summary>Creates the keys of subjects that have none, in one write; when another instance created some of them
    /// first, reads those and creates the rest one by one.</summary>
    private static async Task CreateAsync(
        SubjectKeyPartition p,
        List<string> missing,
        Dictionary<string, SubjectKeyLookup> result,
        CancellationToken cancellationToken)
    {
        try
        {
            Accept(
                p,
                await p.Store.AddSubjectKeysAsync(missing.ConvertAll(s => NewRecord(p.Context, s, shredded: false)), cancellationToken).ConfigureAwait(false),
                result);
            KeysLog.LogKeysCreated(p.Context.Logger, missing.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not Tenants.Keys.TenantKeyUnavailableException)
        {
            KeysLog.LogCreateRace(p.Context.Logger, ex);
            await LoadAsync(p, missing, result, cancellationToken).ConfigureAwait(false);
            foreach (var subject in missing.Where(s => !result.ContainsKey(s)))
            {
                Accept(p, await p.Store.AddSubjectKeysAsync([NewRecord(p.Context, subject, shredded: false)], cancellationToken).ConfigureAwait(false), result);
            }
        }
    }

    private static async Task LoadAsync(
        SubjectKeyPartition p,
        List<string> subjects,
        Dictionary<string, SubjectKeyLookup> result,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < subjects.Count; i += LookupChunk)
        {
            var chunk = subjects.GetRange(i, Math.Min(LookupChunk, subjects.Count - i));
            Accept(p, await p.Store.GetSubjectKeysAsync(chunk, cancellationToken).ConfigureAwait(false), result);
        }
    }

    private static void Accept(SubjectKeyPartition p, IReadOnlyList<DataKeyRecord> records, Dictionary<string, SubjectKeyLookup> result)
    {
        var now = p.Context.Time.GetTimestamp();
        foreach (var record in records.Where(p.Context.Owns))
        {
            var slot = p.Cache.Remember(record, now);
            result[record.SubjectId!] = slot.Lookup(slot.KeyId);
        }
    }

    private static DataKeyRecord NewRecord(KeyRingContext context, string subject, bool shredded)
    {
        var now = context.Time.GetUtcNow();
        if (shredded)
        {
            return new DataKeyRecord
            {
                Kind = DataKeyKind.Subject,
                Status = DataKeyStatus.Shredded,
                SubjectId = subject,
                TenantId = context.Tenant,
                CreatedAt = now,
                StatusChangedAt = now,
            };
        }

        var material = GC.AllocateArray<byte>(KeyEntry.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            var wrapped = context.Wrapper.Wrap(material);
            return new DataKeyRecord
            {
                Kind = DataKeyKind.Subject,
                Status = DataKeyStatus.Active,
                SubjectId = subject,
                TenantId = context.Tenant,
                WrappedKey = wrapped,
                CreatedAt = now,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
