using System.Data.Common;
using System.Runtime.InteropServices;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>
/// Appends records to the chain inside the context's current transaction: lock the head row, read the head, hash
/// each record onto it, insert the entries in multi-row statements and move the head. The head lock serialises
/// appenders across processes until their transactions end, and the sequence primary key rejects any entry that would
/// fork the chain, so a committed chain is always linear and gap-free; a rolled-back transaction takes its entries and
/// its head move with it.
/// </summary>
internal static class AuditChainAppender
{
    public static async Task<IReadOnlyList<AuditEntry>> AppendAsync(DbContext context, IReadOnlyList<AuditRecord> records, bool async, CancellationToken cancellationToken)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit entries are appended inside a transaction; none is active.");
        var connection = context.Database.GetDbConnection();
        var sql = AuditSql.For(context);
        var timeout = context.Database.GetCommandTimeout();

        await using (var lockHead = Command(connection, transaction, timeout, sql.LockHead))
        {
            await ExecuteAsync(lockHead, async, cancellationToken).ConfigureAwait(false);
        }

        long sequence;
        ReadOnlyMemory<byte> previous;
        await using (var readHead = Command(connection, transaction, timeout, sql.ReadHead))
        await using (var reader = async ? await readHead.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : readHead.ExecuteReader())
        {
            if (!(async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read()))
            {
                throw new InvalidOperationException("The audit chain head row is missing: create the schema with EnsureCreated or the migration that adds DataGuard's tables.");
            }

            sequence = reader.GetInt64(0);
            previous = (byte[])reader.GetValue(1);
        }

        var entries = new AuditEntry[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            entries[i] = records[i].Seal(++sequence, previous);
            previous = entries[i].Hash;
        }
        // Full chunks reuse one command, so the provider parses (and SQLite prepares) the statement once per append.
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < entries.Length; offset += sql.RowsPerInsert)
            {
                var rows = Math.Min(sql.RowsPerInsert, entries.Length - offset);
                var insert = rows == sql.RowsPerInsert
                    ? full ??= InsertCommand(connection, transaction, timeout, sql, rows)
                    : InsertCommand(connection, transaction, timeout, sql, rows);
                for (var row = 0; row < rows; row++)
                {
                    Bind(insert, row, entries[offset + row]);
                }

                await ExecuteAsync(insert, async, cancellationToken).ConfigureAwait(false);
                if (insert != full)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }

        await using (var updateHead = Command(connection, transaction, timeout, sql.UpdateHead))
        {
            Add(updateHead, "@seq", sequence, null);
            Add(updateHead, "@hash", AsArray(previous), null);
            await ExecuteAsync(updateHead, async, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, int? timeout, AuditSql sql, int rows)
    {
        var command = Command(connection, transaction, timeout, sql.Insert(rows));
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < AuditSql.ColumnCount; column++)
            {
                Add(command, AuditSql.ParameterName(row, column), null, AuditSql.IsText(column) ? System.Data.DbType.String : null);
            }
        }

        return command;
    }

    private static void Bind(DbCommand command, int row, AuditEntry entry)
    {
        var parameters = command.Parameters;
        var first = row * AuditSql.ColumnCount;
        parameters[first].Value = entry.Sequence;
        parameters[first + 1].Value = entry.Timestamp.UtcDateTime;
        parameters[first + 2].Value = entry.Action;
        parameters[first + 3].Value = (object?)entry.Actor ?? DBNull.Value;
        parameters[first + 4].Value = (object?)entry.SubjectId ?? DBNull.Value;
        parameters[first + 5].Value = (object?)entry.EntityType ?? DBNull.Value;
        parameters[first + 6].Value = (object?)entry.EntityKey ?? DBNull.Value;
        parameters[first + 7].Value = (object?)AuditRecordMapper.JoinProperties(entry.Properties) ?? DBNull.Value;
        parameters[first + 8].Value = (object?)entry.Purpose ?? DBNull.Value;
        parameters[first + 9].Value = (object?)entry.CorrelationId ?? DBNull.Value;
        parameters[first + 10].Value = (object?)entry.Details ?? DBNull.Value;
        parameters[first + 11].Value = AsArray(entry.PreviousHash);
        parameters[first + 12].Value = AsArray(entry.Hash);
        parameters[first + 13].Value = (object?)AuditValueChangeCodec.Serialize(entry.Changes) ?? DBNull.Value;
    }

    /// <summary>The hash's own array when the memory is a whole array (as the chain makes them), a copy otherwise.</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> value)
        => MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : value.ToArray();

    private static void Add(DbCommand command, string name, object? value, System.Data.DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        command.Parameters.Add(parameter);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, int? timeout, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        if (timeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        return command;
    }

    private static async Task ExecuteAsync(DbCommand command, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            command.ExecuteNonQuery();
        }
    }
}
