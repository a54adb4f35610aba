using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// Holds a SQLite store context's connection open for a scope and changes connection settings (<c>PRAGMA</c>s) for it:
/// opening runs the caller's change, which returns the statement that undoes it (or null when nothing changed);
/// disposing runs that statement (connections are pooled, so a setting must not leak to the next user) and closes the
/// connection. On other providers it does nothing. Shared by <see cref="RetentionConnectionScope"/> (page cache) and
/// <see cref="SqliteScrubber"/> (<c>secure_delete</c>).
/// </summary>
internal sealed class SqlitePragmaScope : IAsyncDisposable
{
    private readonly DbContext? _context;
    private readonly string? _restore;

    private SqlitePragmaScope(DbContext? context, string? restore)
    {
        _context = context;
        _restore = restore;
    }

    /// <summary>The open connection; null on other providers.</summary>
    public DbConnection? Connection => _context?.Database.GetDbConnection();

    public static async Task<SqlitePragmaScope> OpenAsync(
        DbContext context,
        Func<DbConnection, CancellationToken, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        if (!RetentionConnectionScope.IsSqlite(context))
        {
            return new SqlitePragmaScope(null, null);
        }

        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new SqlitePragmaScope(context, await change(context.Database.GetDbConnection(), cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs one statement on the connection and returns the first column of its first row.</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        try
        {
            if (_restore is not null)
            {
                await ScalarAsync(_context.Database.GetDbConnection(), _restore, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await _context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
