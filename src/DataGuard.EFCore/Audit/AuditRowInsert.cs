using System.Data.Common;
using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>Inserts entries with one parameter per value, <see cref="AuditSql.RowsPerInsert"/> rows per INSERT, each
/// value bound from the column it is named for (<see cref="AuditSql.Columns"/>). Works for every entry on every
/// provider.</summary>
internal sealed class AuditRowInsert : IAuditEntryInsert
{
    public static AuditRowInsert Instance { get; } = new();

    public async ValueTask InsertAsync(AuditAppendSession session, ArraySegment<AuditEntry> entries)
    {
        // Full chunks reuse one command, so the provider parses (and SQLite prepares) the statement once per append.
        var perInsert = session.Sql.RowsPerInsert;
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < entries.Count; offset += perInsert)
            {
                var rows = Math.Min(perInsert, entries.Count - offset);
                var insert = rows == perInsert ? full ??= Command(session, rows) : Command(session, rows);
                for (var row = 0; row < rows; row++)
                {
                    Bind(insert, session.Sql.Columns, row, entries[offset + row]);
                }

                await session.ExecuteAsync(insert).ConfigureAwait(false);
                if (insert != full)
                {
                    await session.Calls.DisposeAsync(insert).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await session.Calls.DisposeAsync(full).ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Command(AuditAppendSession session, int rows)
    {
        var command = session.Command(session.Sql.Insert(rows));
        for (var row = 0; row < rows; row++)
        {
            foreach (var column in session.Sql.Columns)
            {
                AuditAppendSession.Add(command, AuditSql.ParameterName(row, column), null, column.Type);
            }
        }

        return command;
    }

    /// <summary>Row <paramref name="row"/>'s parameters were added in the order of <paramref name="columns"/>, so the
    /// parameter at a column's index takes that column's value.</summary>
    private static void Bind(DbCommand command, IReadOnlyList<AuditEntryColumn> columns, int row, AuditEntry entry)
    {
        var parameters = command.Parameters;
        var first = row * columns.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[first + i].Value = columns[i].Value(entry);
        }
    }
}
