using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// On SQLite, holds the store context's connection open for a retention run and raises its page cache to
/// <see cref="CacheKibibytes"/> for the run, restoring it afterwards (a <see cref="SqlitePragmaScope"/>). A batch deletes
/// rows spread over nearly every page of a random-Guid subject index; with SQLite's default 2 MB cache each batch reads
/// those pages again and spills dirty ones to the write-ahead log before it commits. The cache is per connection and
/// bounded, so memory stays flat in the row count. Elsewhere it does nothing.
/// </summary>
internal static class RetentionConnectionScope
{
    /// <summary>64 MiB: enough for the subject index of about a million rows.</summary>
    internal const int CacheKibibytes = 64 * 1024;

    public static bool IsSqlite(DbContext context)
        => string.Equals(context.Database.ProviderName, RetentionConvention.SqliteProvider, StringComparison.Ordinal);

    public static Task<SqlitePragmaScope> OpenAsync(DbContext context, CancellationToken cancellationToken)
        => SqlitePragmaScope.OpenAsync(
            context,
            static async (connection, ct) =>
            {
                var cacheSize = Convert.ToInt64(
                    await SqlitePragmaScope.ScalarAsync(connection, "PRAGMA cache_size", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
                var pageSize = Convert.ToInt64(
                    await SqlitePragmaScope.ScalarAsync(connection, "PRAGMA page_size", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);

                // cache_size counts pages when positive and KiB when negative; a larger cache the application chose is kept.
                var kibibytes = cacheSize < 0 ? -cacheSize : cacheSize * pageSize / 1024;
                if (kibibytes >= CacheKibibytes)
                {
                    return null;
                }

                await SqlitePragmaScope.ScalarAsync(connection, $"PRAGMA cache_size = -{CacheKibibytes}", ct).ConfigureAwait(false);
                return cacheSize == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}");
            },
            cancellationToken);
}
