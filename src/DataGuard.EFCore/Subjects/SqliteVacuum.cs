using System.Data.Common;
using DataGuard.EFCore.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Subjects;

/// <summary>The VACUUM after an erasure on SQLite (<see cref="SubjectRightsOptions.VacuumSqliteAfterErasure"/>).</summary>
internal static class SqliteVacuum
{
    /// <summary>Seconds Microsoft.Data.Sqlite keeps retrying a VACUUM that another connection's lock blocks.</summary>
    private const int VacuumBusyTimeout = 2;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Vacuums the database of <paramref name="context"/> when it is SQLite.</summary>
    /// <returns>Whether VACUUM ran; false elsewhere, and when another connection's lock blocked it.</returns>
    public static async Task<bool> RunAsync(DbContext context, ILogger logger, CancellationToken cancellationToken)
    {
        if (!RetentionConnectionScope.IsSqlite(context))
        {
            return false;
        }

        // VACUUM rewrites the file without the freed pages; in WAL mode the rewrite passes through the log, so the
        // scrubber's checkpoint afterwards copies it back and truncates the log to zero bytes (or reports it could not).
        // The erasure has committed: a VACUUM that another connection blocks must not turn it into a failure, only into
        // a report that says the file was not compacted.
        var previousTimeout = context.Database.GetCommandTimeout();
        context.Database.SetCommandTimeout(VacuumBusyTimeout);
        try
        {
            await context.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (ex.ErrorCode is SqliteBusy or SqliteLocked)
        {
            SubjectRightsLog.LogVacuumBlocked(logger, ex);
            return false;
        }
        finally
        {
            context.Database.SetCommandTimeout(previousTimeout);
        }

        SubjectRightsLog.LogVacuumed(logger);
        return true;
    }
}
