using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// Makes a SQLite database's own files forget what an erasure, a retention run or a key shred destroyed. The one place
/// every destroying path goes through (erasure, retention's delete, anonymise and shred, the key store's shred):
/// <list type="number">
/// <item><see cref="BeginAsync"/>, before the destroying statements: opens the context's connection for the scope and
/// turns on <c>PRAGMA secure_delete</c> for it, so SQLite overwrites deleted cells and freed pages with zeros instead of
/// leaving them in free space.</item>
/// <item><see cref="CompleteAsync"/>, after the commit: in WAL mode, <c>PRAGMA wal_checkpoint(TRUNCATE)</c> copies the
/// new pages into the database file and empties the <c>-wal</c> file, which still holds the old page images. A reader
/// holding an older snapshot makes the checkpoint return busy; it is retried with exponential backoff a bounded number
/// of times, and the outcome says so when it never succeeded. A rollback journal is deleted or truncated at commit
/// (<c>PERSIST</c> mode keeps old pages, so it is reported as not scrubbed).</item>
/// </list>
/// Disposing restores the connection's previous <c>secure_delete</c> setting (connections are pooled) and closes it.
/// Elsewhere (PostgreSQL) it does nothing and reports <see cref="ScrubOutcome.NotApplicable"/>.
/// </summary>
internal sealed class SqliteScrubber : IAsyncDisposable
{
    internal const int Attempts = 6;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(25);

    private readonly SqlitePragmaScope _scope;

    private SqliteScrubber(SqlitePragmaScope scope) => _scope = scope;

    public static async Task<SqliteScrubber> BeginAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SqliteScrubber(await SqlitePragmaScope.OpenAsync(
            context,
            static async (connection, ct) =>
            {
                var previous = Convert.ToInt64(
                    await SqlitePragmaScope.ScalarAsync(connection, "PRAGMA secure_delete", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (previous == 1)
                {
                    return null;
                }

                await SqlitePragmaScope.ScalarAsync(connection, "PRAGMA secure_delete = 1", ct).ConfigureAwait(false);
                return string.Create(CultureInfo.InvariantCulture, $"PRAGMA secure_delete = {previous}");
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Empties the write-ahead log (retrying while readers keep it), after the destroying work committed.</summary>
    public async Task<ScrubOutcome> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_scope.Connection is not { } connection)
        {
            return ScrubOutcome.NotApplicable;
        }

        var mode = Convert.ToString(
            await SqlitePragmaScope.ScalarAsync(connection, "PRAGMA journal_mode", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(mode, "persist", StringComparison.OrdinalIgnoreCase) ? ScrubOutcome.CopiesMayRemain : ScrubOutcome.Scrubbed;
        }

        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            // One row: busy (1 when a reader or writer kept the checkpoint from finishing), frames in the log, frames
            // checkpointed. TRUNCATE leaves a zero-byte -wal file only when busy is 0.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            long busy;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                busy = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 1;
            }

            if (busy == 0)
            {
                return ScrubOutcome.Scrubbed;
            }

            if (attempt == Attempts)
            {
                return ScrubOutcome.CopiesMayRemain;
            }

            // Wall-clock waiting for other connections to end their read transactions, not application time: a fake
            // TimeProvider must not stall it.
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
