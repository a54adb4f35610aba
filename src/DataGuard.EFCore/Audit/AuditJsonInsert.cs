using System.Buffers;
using System.Data;
using System.Text;
using System.Text.Json;
using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Inserts entries that share their context with one <see cref="AuditJsonInsertSql"/> statement, <see cref="Chunk"/>
/// entries per execution. A chunk with a text that is not valid UTF-16 (or holds NUL), and so has no exact JSON form, is
/// inserted by <see cref="AuditRowInsert"/>, which stores what the hash covers. The base of
/// <see cref="AuditSharedContextInsert"/> and <see cref="AuditUniformInsert"/>, which differ in the statement.
/// </summary>
internal abstract class AuditJsonInsert : IAuditEntryInsert
{
    /// <summary>Entries per execution (about 130 KB of JSON for entries without masked values): fewer, larger executions
    /// measured faster (benchmarks/README.md, Audit trail); the cap bounds the memory of very large saves.</summary>
    public const int Chunk = 1024;

    public async ValueTask InsertAsync(AuditAppendSession session, ArraySegment<AuditEntry> entries)
    {
        var statement = Statement(session.Sql);
        var insert = session.Command(statement.Statement);
        try
        {
            foreach (var column in statement.Once)
            {
                AuditAppendSession.Add(insert, AuditJsonInsertSql.ParameterName(column), column.Value(entries[0]), column.Type);
            }

            var sequence = AuditAppendSession.Add(insert, AuditJsonInsertSql.First, null, null);
            var hashes = AuditAppendSession.Add(insert, AuditJsonInsertSql.Hashes, null, null);
            var rows = AuditAppendSession.Add(insert, AuditJsonInsertSql.Rows, null, DbType.String);
            var buffer = new ArrayBufferWriter<byte>(Math.Min(entries.Count, Chunk) * 160);
            for (var offset = 0; offset < entries.Count; offset += Chunk)
            {
                var chunk = entries.Slice(offset, Math.Min(Chunk, entries.Count - offset));
                buffer.ResetWrittenCount();
                if (!TryWriteRows(chunk, statement.Json, buffer))
                {
                    await AuditRowInsert.Instance.InsertAsync(session, chunk).ConfigureAwait(false);
                    continue;
                }

                sequence.Value = chunk[0].Sequence;
                hashes.Value = Chained(chunk);
                rows.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
                var inserted = await session.ExecuteAsync(insert).ConfigureAwait(false);
                if (inserted != chunk.Count)
                {
                    throw new InvalidOperationException($"The audit append stored {inserted} of {chunk.Count} entries.");
                }
            }
        }
        finally
        {
            await session.Calls.DisposeAsync(insert).ConfigureAwait(false);
        }
    }

    /// <summary>The statement for these entries; not null where <see cref="AuditEntryInserts"/> chose this insert.</summary>
    protected abstract AuditJsonInsertSql Statement(AuditSql sql);

    /// <summary>The hashes of the chunk, preceded by the hash its first entry links to: entry k's previous hash is the 32
    /// bytes before its own.</summary>
    private static byte[] Chained(ArraySegment<AuditEntry> chunk)
    {
        var chained = new byte[(chunk.Count + 1) * AuditChain.HashSize];
        chunk[0].PreviousHash.Span.CopyTo(chained);
        for (var i = 0; i < chunk.Count; i++)
        {
            chunk[i].Hash.Span.CopyTo(chained.AsSpan((i + 1) * AuditChain.HashSize));
        }

        return chained;
    }

    /// <summary>Writes each entry's <paramref name="columns"/> as a JSON array, in their order, inside one JSON array;
    /// false when a text is not valid UTF-16 or holds NUL.</summary>
    private static bool TryWriteRows(ArraySegment<AuditEntry> entries, IReadOnlyList<AuditEntryColumn> columns, ArrayBufferWriter<byte> buffer)
    {
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartArray();
                foreach (var column in columns)
                {
                    column.WriteJson(writer, entry);
                }

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
}
