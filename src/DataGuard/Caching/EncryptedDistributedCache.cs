using DataGuard.Encryption;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>
/// An <see cref="IDistributedCache"/> decorator that encrypts every entry with DataGuard's key ring (AES-256-GCM, the
/// cache key in the associated data, so an entry copied to another key does not decrypt), refuses entries without
/// expiry and caps every expiry (<see cref="EncryptedCacheOptions.MaxLifetime"/>). An entry that no longer decrypts
/// (its key shredded or retired, or tampered with) reads as a miss and is removed.
/// </summary>
internal sealed partial class EncryptedDistributedCache(
    IDistributedCache inner,
    FieldEncryptor encryptor,
    IOptions<EncryptedCacheOptions> options,
    TimeProvider time,
    ILogger<EncryptedDistributedCache> logger)
    : IDistributedCache
{
    /// <summary>The pseudo-entity whose columns the cache's values are bound to.</summary>
    internal const string Entity = "$cache";

    /// <summary>Whether the inner cache has answered a call; until then its calls run off the caller's stack.</summary>
    private volatile bool _innerAnswered;

    internal IDistributedCache Inner => inner;

    public byte[]? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Open(key, inner.Get(key));
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await encryptor.EnsureReadyAsync(token).ConfigureAwait(false);
        var stored = _innerAnswered
            ? await inner.GetAsync(key, token).ConfigureAwait(false)
            : await FirstCallsAsync(static s => s.inner.GetAsync(s.key, s.token), (inner, key, token)).ConfigureAwait(false);
        var value = Open(key, stored);
        if (value is null && stored is not null)
        {
            await inner.RemoveAsync(key, token).ConfigureAwait(false);
        }

        return value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var bounded = CacheLifetime.Bound(key, options, MaxLifetime, time.GetUtcNow());
        inner.Set(key, encryptor.Column(Entity, key).EncryptBytes(value), bounded);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var bounded = CacheLifetime.Bound(key, options, MaxLifetime, time.GetUtcNow());
        await encryptor.EnsureReadyAsync(token).ConfigureAwait(false);
        var sealedValue = encryptor.Column(Entity, key).EncryptBytes(value);
        if (_innerAnswered)
        {
            await inner.SetAsync(key, sealedValue, bounded, token).ConfigureAwait(false);
            return;
        }

        await FirstCallsAsync(
            static async s => { await s.inner.SetAsync(s.key, s.sealedValue, s.bounded, s.token).ConfigureAwait(false); return true; },
            (inner, key, sealedValue, bounded, token)).ConfigureAwait(false);
    }

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => _innerAnswered
        ? inner.RefreshAsync(key, token)
        : FirstCallsAsync(static async s => { await s.inner.RefreshAsync(s.key, s.token).ConfigureAwait(false); return true; }, (inner, key, token));

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => _innerAnswered
        ? inner.RemoveAsync(key, token)
        : FirstCallsAsync(static async s => { await s.inner.RemoveAsync(s.key, s.token).ConfigureAwait(false); return true; }, (inner, key, token));

    private TimeSpan MaxLifetime => options.Value.MaxLifetime;

    /// <summary>
    /// Runs a call to the inner cache on the thread pool until the inner cache has answered once. HybridCache's
    /// constructor reads its second level at once, from inside the container's singleton resolution; RedisCache's first
    /// connection resolves <c>HybridCache</c> from the container. Made on the constructor's stack, that second resolution
    /// re-enters the singleton's creation and the container ends up with two HybridCache instances, so a tag removed
    /// through one (DataGuard's erasure) is still served by the other (dotnet/aspnetcore#67904). Off the caller's stack,
    /// the second resolution waits for the first one to finish and gets the same instance.
    /// </summary>
    private async Task<T> FirstCallsAsync<TState, T>(Func<TState, Task<T>> call, TState state)
    {
        var result = await Task.Run(() => call(state)).ConfigureAwait(false);
        _innerAnswered = true;
        return result;
    }

    private byte[]? Open(string key, byte[]? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return encryptor.Column(Entity, key).DecryptBytes(stored);
        }
        catch (DataGuardCryptoException ex)
        {
            Unreadable(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(
        EventId = 1710,
        EventName = "CacheEntryUnreadable",
        Level = LogLevel.Warning,
        Message = "A cache entry could not be decrypted and reads as a miss: {Reason}")]
    private static partial void Unreadable(ILogger logger, string reason);
}
