using Microsoft.Extensions.Caching.Distributed;

namespace DataGuard.Caching;

/// <summary>Applies the encrypted cache's lifetime rules to an entry's options: an entry must expire, and never later
/// than <see cref="EncryptedCacheOptions.MaxLifetime"/> from now.</summary>
internal static class CacheLifetime
{
    public static DistributedCacheEntryOptions Bound(string key, DistributedCacheEntryOptions options, TimeSpan max, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AbsoluteExpiration is null && options.AbsoluteExpirationRelativeToNow is null && options.SlidingExpiration is null)
        {
            throw DataGuardErrors.Refused($"The cache entry '{Describe(key)}' has no expiry; DataGuard's encrypted cache refuses entries that would live for " +
                $"ever. Set AbsoluteExpirationRelativeToNow (at most {max}).");
        }

        var latest = now + max;
        var absolute = options.AbsoluteExpiration ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : latest);
        if (absolute > latest)
        {
            absolute = latest;
        }

        // The absolute bound stays even for a sliding entry: reads must not keep it alive past the maximum.
        return new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = absolute,
            SlidingExpiration = options.SlidingExpiration is { } sliding && sliding > max ? max : options.SlidingExpiration,
        };
    }

    /// <summary>The key as an error message may show it: the application's own keys, but never DataGuard's subject keys.</summary>
    private static string Describe(string key) => key.StartsWith(SubjectCacheKeys.Prefix, StringComparison.Ordinal) ? SubjectCacheKeys.Prefix + "…" : key;
}
