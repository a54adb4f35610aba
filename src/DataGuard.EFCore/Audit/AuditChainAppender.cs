using System.Data.Common;
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
        byte[] previous;
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
            previous = entries[i].Hash.ToArray();
        }

        for (var offset = 0; offset < entries.Length; offset += AuditSql.RowsPerInsert)
        {
            var rows = Math.Min(AuditSql.RowsPerInsert, entries.Length - offset);
            await using var insert = Command(connection, transaction, timeout, sql.Insert(rows));
            for (var row = 0; row < rows; row++)
            {
                Bind(insert, row, entries[offset + row]);
            }

            await ExecuteAsync(insert, async, cancellationToken).ConfigureAwait(false);
        }

        await using (var updateHead = Command(connection, transaction, timeout, sql.UpdateHead))
        {
            Add(updateHead, "@seq", sequence);
            Add(updateHead, "@hash", previous);
            await ExecuteAsync(updateHead, async, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    private static void Bind(DbCommand command, int row, AuditEntry entry)
    {
        var prefix = "@p" + row.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
        Add(command, prefix + "0", entry.Sequence);
        Add(command, prefix + "1", entry.Timestamp.UtcDateTime);
        Add(command, prefix + "2", entry.Action);
        Add(command, prefix + "3", entry.Actor);
        Add(command, prefix + "4", entry.SubjectId);
        Add(command, prefix + "5", entry.EntityType);
        Add(command, prefix + "6", entry.EntityKey);
        Add(command, prefix + "7", AuditRecordMapper.JoinProperties(entry.Properties));
        Add(command, prefix + "8", entry.Purpose);
        Add(command, prefix + "9", entry.CorrelationId);
        Add(command, prefix + "10", entry.Details);
        Add(command, prefix + "11", entry.PreviousHash.ToArray());
        Add(command, prefix + "12", entry.Hash.ToArray());
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
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
