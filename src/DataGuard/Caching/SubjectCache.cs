using System.Security.Cryptography;
using DataGuard.Subjects;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>
/// The <see cref="ISubjectCache"/>. An entry's associated data names the pseudo-entity <c>$cache</c>, the entry's key
/// and the subject's current epoch (16 random bytes kept in the cache itself, under the subject's hashed key): removing
/// the epoch leaves every earlier entry undecryptable, which is atomic across instances where deleting a list of keys
/// would not be. With subject keys on, the subject's own key encrypts the entry (<see cref="SubjectCacheSealer"/>).
/// </summary>
internal sealed class SubjectCache(
    IDistributedCache cache,
    SubjectCacheSealer sealer,
    IOptions<EncryptedCacheOptions> cacheOptions,
    TimeProvider time,
    HybridCache? hybrid = null) : ISubjectCache
{
    private static readonly DistributedCacheEntryOptions EpochLifetime = new() { SlidingExpiration = TimeSpan.FromDays(1) };

    /// <summary>The inner cache: entries are encrypted here, not twice by the decorating <see cref="EncryptedDistributedCache"/>.</summary>
    private IDistributedCache Store => cache is EncryptedDistributedCache decorated ? decorated.Inner : cache;

    public async Task SetAsync(
        SubjectId subjectId,
        string key,
        byte[] value,
        DistributedCacheEntryOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var bounded = CacheLifetime.Bound(key, options, cacheOptions.Value.MaxLifetime, time.GetUtcNow());
        await sealer.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (subject, hash) = sealer.Identify(subjectId);
        var epoch = await EpochAsync(hash, create: true, cancellationToken).ConfigureAwait(false);
        if (await sealer.SealAsync(subject, key, epoch!, value, cancellationToken).ConfigureAwait(false) is not { } sealedValue)
        {
            return;
        }

        await Store.SetAsync(SubjectCacheKeys.Entry(hash, key), sealedValue, bounded, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> GetAsync(SubjectId subjectId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await sealer.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (subject, hash) = sealer.Identify(subjectId);
        var epoch = await EpochAsync(hash, create: false, cancellationToken).ConfigureAwait(false);
        var stored = epoch is null ? null : await Store.GetAsync(SubjectCacheKeys.Entry(hash, key), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : sealer.Unseal(subject, key, epoch!, stored);
    }

    public async Task RemoveSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        await sealer.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (_, hash) = sealer.Identify(subjectId);
        await Store.RemoveAsync(SubjectCacheKeys.Epoch(hash), cancellationToken).ConfigureAwait(false);
        if (hybrid is not null)
        {
            await hybrid.RemoveByTagAsync(Tag(hash), cancellationToken).ConfigureAwait(false);
        }
    }

    public string TagFor(SubjectId subjectId)
    {
        sealer.EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return Tag(sealer.Identify(subjectId).Hash);
    }

    private static string Tag(string hash) => "dataguard-subject-" + hash;

    private async Task<string?> EpochAsync(string hash, bool create, CancellationToken cancellationToken)
    {
        var key = SubjectCacheKeys.Epoch(hash);
        if (await Store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { Length: > 0 } epoch)
        {
            return Convert.ToHexString(epoch);
        }

        if (!create)
        {
            return null;
        }

        // Two instances may start an epoch at once; the last write wins and the other's entry reads as a miss.
        var fresh = RandomNumberGenerator.GetBytes(16);
        await Store.SetAsync(key, fresh, EpochLifetime, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexString(fresh);
    }
}
