using System.Buffers;
using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>
/// Appends records to the chain inside the context's current transaction: lock the head row, read the head, hash
/// each record onto it, insert the entries (<see cref="AuditSql"/> says how per provider) and move the head. The head lock serialises
/// appenders across processes until their transactions end, and the sequence primary key rejects any entry that would
/// fork the chain, so a committed chain is always linear and gap-free; a rolled-back transaction takes its entries and
/// its head move with it.
/// </summary>
internal static class AuditChainAppender
{
    /// <summary>Entries per execution of the shared INSERT (about 130 KB of JSON for entries without masked values): fewer,
    /// larger executions measured faster (1,000 entries: 4.6 ms in one, 5.6 ms in four of 256); the cap bounds the
    /// memory of very large saves.</summary>
    private const int SharedChunk = 1024;

    public static async Task<IReadOnlyList<AuditEntry>> AppendAsync(DbContext context, IReadOnlyList<AuditRecord> records, bool async, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

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

        DataGuard.Diagnostics.DataGuardMetrics.Appended(entries.Length);

        if (sql.SharedInsert is not null && ShareContext(entries))
        {
            await InsertShared(connection, transaction, timeout, sql, entries, async, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await InsertRows(connection, transaction, timeout, sql, entries, async, cancellationToken).ConfigureAwait(false);
        }

        await using (var updateHead = Command(connection, transaction, timeout, sql.UpdateHead))
        {
            Add(updateHead, "@seq", sequence, null);
            Add(updateHead, "@hash", AsArray(previous), null);
            await ExecuteAsync(updateHead, async, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    private static async Task InsertRows(DbConnection connection, DbTransaction transaction, int? timeout, AuditSql sql, ArraySegment<AuditEntry> entries, bool async, CancellationToken cancellationToken)
    {
        // Full chunks reuse one command, so the provider parses (and SQLite prepares) the statement once per append.
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < entries.Count; offset += sql.RowsPerInsert)
            {
                var rows = Math.Min(sql.RowsPerInsert, entries.Count - offset);
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
    }

    /// <summary>Inserts entries that share their context (<see cref="ShareContext"/>) with <see cref="AuditSql.SharedInsert"/>,
    /// <see cref="SharedChunk"/> entries per execution. A chunk with a text that is not valid UTF-16 (or holds NUL), and so has no
    /// exact JSON form, is inserted row by row, which stores what the hash covers.</summary>
    private static async Task InsertShared(DbConnection connection, DbTransaction transaction, int? timeout, AuditSql sql, AuditEntry[] entries, bool async, CancellationToken cancellationToken)
    {
        var first = entries[0];
        var uniform = Uniform(entries);
        await using var insert = Command(connection, transaction, timeout, uniform ? sql.UniformInsert! : sql.SharedInsert!);
        var sequence = Add(insert, "@first", null, null);
        Add(insert, "@timestamp", first.Timestamp.UtcDateTime, null);
        Add(insert, "@actor", first.Actor, System.Data.DbType.String);
        Add(insert, "@purpose", first.Purpose, System.Data.DbType.String);
        Add(insert, "@correlation", first.CorrelationId, System.Data.DbType.String);
        Add(insert, "@details", first.Details, System.Data.DbType.String);
        var hashes = Add(insert, "@hashes", null, null);
        var rows = Add(insert, "@rows", null, System.Data.DbType.String);
        if (uniform)
        {
            Add(insert, "@action", first.Action, System.Data.DbType.String);
            Add(insert, "@entityType", first.EntityType, System.Data.DbType.String);
            Add(insert, "@properties", AuditRecordMapper.JoinProperties(first.Properties), System.Data.DbType.String);
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(entries.Length, SharedChunk) * 160);
        for (var offset = 0; offset < entries.Length; offset += SharedChunk)
        {
            var chunk = new ArraySegment<AuditEntry>(entries, offset, Math.Min(SharedChunk, entries.Length - offset));
            buffer.ResetWrittenCount();
            if (!TryWriteRows(chunk, uniform, buffer))
            {
                await InsertRows(connection, transaction, timeout, sql, chunk, async, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // The hashes of the chunk, preceded by the hash its first entry links to: entry k's previous hash is
            // the 32 bytes before its own.
            var chained = new byte[(chunk.Count + 1) * AuditChain.HashSize];
            chunk[0].PreviousHash.Span.CopyTo(chained);
            for (var i = 0; i < chunk.Count; i++)
            {
                chunk[i].Hash.Span.CopyTo(chained.AsSpan((i + 1) * AuditChain.HashSize));
            }

            sequence.Value = chunk[0].Sequence;
            hashes.Value = chained;
            rows.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
            var inserted = async ? await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : insert.ExecuteNonQuery();
            if (inserted != chunk.Count)
            {
                // The caller's transaction is rolled back: a partly stored append must never commit.
                throw new InvalidOperationException($"The audit append stored {inserted} of {chunk.Count} entries.");
            }
        }
    }

    /// <summary>Whether every entry shares time, actor, purpose, correlation id and details, as the entries of one
    /// SaveChanges do.</summary>
    private static bool ShareContext(AuditEntry[] entries)
    {
        var first = entries[0];
        foreach (var entry in entries)
        {
            if (entry.Timestamp != first.Timestamp || !string.Equals(entry.Actor, first.Actor, StringComparison.Ordinal)
                || !string.Equals(entry.Purpose, first.Purpose, StringComparison.Ordinal) || !string.Equals(entry.CorrelationId, first.CorrelationId, StringComparison.Ordinal)
                || !string.Equals(entry.Details, first.Details, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the entries (which share their context) also share action, entity type and properties and
    /// have no masked values, so that <see cref="AuditSql.UniformInsert"/> applies.</summary>
    private static bool Uniform(AuditEntry[] entries)
    {
        var first = entries[0];
        var properties = AuditRecordMapper.JoinProperties(first.Properties);
        foreach (var entry in entries)
        {
            if (entry.Changes is not null || !string.Equals(entry.Action, first.Action, StringComparison.Ordinal) || !string.Equals(entry.EntityType, first.EntityType, StringComparison.Ordinal)
                || !string.Equals(AuditRecordMapper.JoinProperties(entry.Properties), properties, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the entries' own fields as a JSON array of [action, subject, entity type, entity key,
    /// properties, masked changes, subject key] arrays, or of [subject, entity key, subject key] arrays when
    /// <paramref name="uniform"/>; false when a text is not valid UTF-16 or holds NUL.</summary>
    private static bool TryWriteRows(ArraySegment<AuditEntry> entries, bool uniform, ArrayBufferWriter<byte> buffer)
    {
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartArray();
                if (uniform)
                {
                    writer.WriteStringValue(entry.SubjectId);
                    writer.WriteStringValue(entry.EntityKey);
                }
                else
                {
                    writer.WriteStringValue(entry.Action);
                    writer.WriteStringValue(entry.SubjectId);
                    writer.WriteStringValue(entry.EntityType);
                    writer.WriteStringValue(entry.EntityKey);
                    writer.WriteStringValue(AuditRecordMapper.JoinProperties(entry.Properties));
                    writer.WriteStringValue(AuditValueChangeCodec.Serialize(entry.Changes));
                }

                writer.WriteNumberValue(AuditSubjectKey.Of(entry.SubjectId));
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.Flush();

            // Older SQLite JSON parsers cut a string at an escaped NUL, which would store less than the hash covers:
            // such a chunk goes row by row, as parameters.
            return buffer.WrittenSpan.IndexOf("\\u0000"u8) < 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
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
        parameters[first + 14].Value = AuditSubjectKey.Of(entry.SubjectId);
    }

    /// <summary>The hash's own array when the memory is a whole array (as the chain makes them), a copy otherwise.</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> value)
        => MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : value.ToArray();

    private static DbParameter Add(DbCommand command, string name, object? value, System.Data.DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        command.Parameters.Add(parameter);
        return parameter;
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
