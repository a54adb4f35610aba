using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// On SQLite, holds the store context's connection open for a retention run and raises its page cache to
/// <see cref="CacheKibibytes"/> for the run, restoring it afterwards. A batch deletes rows spread over nearly every page
/// of a random-Guid subject index; with SQLite's default 2 MB cache each batch reads those pages again and spills dirty
/// ones to the write-ahead log before it commits. The cache is per connection and bounded, so memory stays flat in the
/// row count. Elsewhere it does nothing.
/// </summary>
internal sealed class RetentionConnectionScope : IAsyncDisposable
{
    /// <summary>64 MiB: enough for the subject index of about a million rows.</summary>
    internal const int CacheKibibytes = 64 * 1024;

    private readonly DbContext? _context;
    private readonly long _previousCacheSize;

    private RetentionConnectionScope(DbContext? context, long previousCacheSize)
    {
        _context = context;
        _previousCacheSize = previousCacheSize;
    }

    public static bool IsSqlite(DbContext context)
        => string.Equals(context.Database.ProviderName, RetentionConvention.SqliteProvider, StringComparison.Ordinal);

    public static async Task<RetentionConnectionScope> OpenAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!IsSqlite(context))
        {
            return new RetentionConnectionScope(null, 0);
        }

        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = context.Database.GetDbConnection();
        var cacheSize = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA cache_size", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var pageSize = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA page_size", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

        // cache_size counts pages when positive and KiB when negative; a larger cache the application chose is kept.
        var kibibytes = cacheSize < 0 ? -cacheSize : cacheSize * pageSize / 1024;
        if (kibibytes < CacheKibibytes)
        {
            await ScalarAsync(connection, $"PRAGMA cache_size = -{CacheKibibytes}", cancellationToken).ConfigureAwait(false);
            return new RetentionConnectionScope(context, cacheSize);
        }

        return new RetentionConnectionScope(context, 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        try
        {
            if (_previousCacheSize != 0)
            {
                await ScalarAsync(_context.Database.GetDbConnection(), string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {_previousCacheSize}"), CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await _context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
