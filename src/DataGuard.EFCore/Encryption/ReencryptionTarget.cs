using System.Data.Common;
using System.Globalization;
using System.Text;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// One table with encrypted columns (ring-key and subject-key properties alike, of the entity type, its derived types
/// and the owned types it holds), read and written with plain SQL: the application's global query filters (soft delete,
/// tenants, EF Core 10's named filters) never hide a row from the re-encryption job or the key-usage scan, and a write
/// names the value it replaces, so it never overwrites a change the application made after the row was read. A value's
/// first bytes name its key (<see cref="FieldFormat"/>), so selecting the rows to move needs no decryption.
/// </summary>
internal sealed class ReencryptionTarget
{
    private ReencryptionTarget(IEntityType entityType, StoreObjectIdentifier table, IReadOnlyList<string> keyColumns, IReadOnlyList<ReencryptionColumn> columns)
    {
        EntityType = entityType;
        _keyTypes = entityType.FindPrimaryKey()!.Properties.Select(static p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType).ToArray();
        Table = table;
        KeyColumns = keyColumns;
        Columns = columns;
    }

    private readonly Type[] _keyTypes;

    public IEntityType EntityType { get; }

    /// <summary>The entity's DataGuard name (unique in the model, unlike the class name), as reports and logs name it.</summary>
    public string Name => Model.EntityTypeSpecReader.DataGuardName(EntityType);

    public StoreObjectIdentifier Table { get; }

    /// <summary>The primary key's columns: rows are read in key order, a batch after the last key of the previous one.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    public IReadOnlyList<ReencryptionColumn> Columns { get; }

    public static IEnumerable<ReencryptionTarget> For(IModel model, FieldEncryptor encryptor)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            if (entityType.BaseType is not null || entityType.IsOwned() || entityType.GetTableName() is not { } tableName)
            {
                continue;
            }

            var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
            var keyColumns = entityType.FindPrimaryKey()?.Properties.Select(p => p.GetColumnName(table)).ToList();
            if (keyColumns is null || keyColumns.Count == 0 || keyColumns.Any(static c => c is null))
            {
                continue;
            }

            var columns = Sharing(model, entityType, table)
                .SelectMany(static t => t.GetDeclaredProperties())
                .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null)
                .Select(p => ReencryptionColumn.Create(p, table, encryptor))
                .OfType<ReencryptionColumn>()
                .DistinctBy(static c => c.Column)
                .ToList();
            if (columns.Count > 0)
            {
                yield return new ReencryptionTarget(entityType, table, keyColumns!, columns);
            }
        }
    }

    /// <summary>The types whose columns live in the root type's table: derived types (TPH) and owned types split into it.</summary>
    private static IEnumerable<IEntityType> Sharing(IModel model, IEntityType root, StoreObjectIdentifier table)
        => model.GetEntityTypes().Where(t => t == root
            || (t.GetRootType() == root && t.GetTableName() == table.Name && t.GetSchema() == table.Schema)
            || (t.IsOwned() && t.GetTableName() == table.Name && t.GetSchema() == table.Schema));

    /// <summary>Reads the next batch of rows that hold a value to move, after <paramref name="lastKey"/> in key order.</summary>
    public async Task<List<object?[]>> ReadBatchAsync(DbContext context, int activeKeyId, object?[]? lastKey, int batchSize, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var provider = context.Database.ProviderName ?? "";
        var select = new StringBuilder("SELECT ");
        select.AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier));
        foreach (var column in Columns)
        {
            select.Append(", ").Append(sql.DelimitIdentifier(column.Column));
            select.Append(", ").Append(column.BlindIndexColumn is null ? "NULL" : sql.DelimitIdentifier(column.BlindIndexColumn));
        }

        select.Append(" FROM ").Append(sql.DelimitIdentifier(Table.Name, Table.Schema)).Append(" WHERE (");
        var first = true;
        foreach (var column in Columns)
        {
            select.Append(first ? "" : " OR ").Append(NeedsMove(sql, provider, column, activeKeyId));
            first = false;
        }

        select.Append(')');
        await using var command = CreateCommand(context);
        if (lastKey is not null)
        {
            select.Append(" AND ");
            if (KeyColumns.Count == 1)
            {
                select.Append(sql.DelimitIdentifier(KeyColumns[0])).Append(" > ").Append(Parameter(command, lastKey[0]));
            }
            else
            {
                // Row values: (a, b) > (@a, @b), on SQLite (3.15+) and PostgreSQL alike.
                select.Append('(').AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier)).Append(") > (")
                    .AppendJoin(", ", lastKey.Select(k => Parameter(command, k))).Append(')');
            }
        }

        select.Append(" ORDER BY ").AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier))
            .Append(CultureInfo.InvariantCulture, $" LIMIT {batchSize}");
        command.CommandText = select.ToString();
        var rows = new List<object?[]>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var width = KeyColumns.Count + (Columns.Count * 2);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Writes the moved values of one row, only if every one of them still holds the value read: the number of
    /// rows changed (0 when the application changed the row meanwhile).</summary>
    public async Task<int> UpdateAsync(DbContext context, object?[] key, IReadOnlyList<(ReencryptionColumn Column, object Old, object New, byte[]? Index)> changes, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        await using var command = CreateCommand(context);
        var text = new StringBuilder("UPDATE ").Append(sql.DelimitIdentifier(Table.Name, Table.Schema)).Append(" SET ");
        var first = true;
        foreach (var (column, _, moved, index) in changes)
        {
            text.Append(first ? "" : ", ").Append(sql.DelimitIdentifier(column.Column)).Append(" = ").Append(Parameter(command, moved));
            if (index is not null)
            {
                text.Append(", ").Append(sql.DelimitIdentifier(column.BlindIndexColumn!)).Append(" = ").Append(Parameter(command, index));
            }

            first = false;
        }

        text.Append(" WHERE ");
        for (var i = 0; i < KeyColumns.Count; i++)
        {
            text.Append(i == 0 ? "" : " AND ").Append(sql.DelimitIdentifier(KeyColumns[i])).Append(" = ").Append(Parameter(command, key[i]));
        }

        foreach (var (column, old, _, _) in changes)
        {
            text.Append(" AND ").Append(sql.DelimitIdentifier(column.Column)).Append(" = ").Append(Parameter(command, old));
        }

        command.CommandText = text.ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads only the key-naming header of every value, a batch of rows at a time, for the key-usage scan.</summary>
    public async Task<List<object?[]>> ReadHeadersAsync(DbContext context, object?[]? lastKey, int batchSize, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var provider = context.Database.ProviderName ?? "";
        var select = new StringBuilder("SELECT ");
        select.AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier));
        foreach (var column in Columns)
        {
            var name = sql.DelimitIdentifier(column.Column);
            select.Append(", ").Append(column.IsBinary ? BinaryPrefix(provider, name, FieldFormat.HeaderSize) : $"substr({name}, 1, {FieldFormat.TextHeaderLength})");
            select.Append(", ").Append(column.BlindIndexColumn is null ? "0" : $"CASE WHEN {sql.DelimitIdentifier(column.BlindIndexColumn)} IS NULL THEN 0 ELSE 1 END");
        }

        select.Append(" FROM ").Append(sql.DelimitIdentifier(Table.Name, Table.Schema));
        await using var command = CreateCommand(context);
        if (lastKey is not null)
        {
            select.Append(" WHERE (").AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier)).Append(") > (")
                .AppendJoin(", ", lastKey.Select(k => Parameter(command, k))).Append(')');
        }

        select.Append(" ORDER BY ").AppendJoin(", ", KeyColumns.Select(sql.DelimitIdentifier))
            .Append(CultureInfo.InvariantCulture, $" LIMIT {batchSize}");
        command.CommandText = select.ToString();
        var rows = new List<object?[]>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var width = KeyColumns.Count + (Columns.Count * 2);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The id a row-bound value of this row is bound to: the primary key's values in their canonical text (as
    /// <see cref="SubjectEncryptionBinding"/> writes them), read back from what the database returns for them (SQLite
    /// gives Guids as text and integers as <see cref="long"/>).</summary>
    public string RowId(object?[] row)
    {
        var values = new string[_keyTypes.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var type = _keyTypes[i];
            values[i] = row[i] switch
            {
                null => "",
                var value when type == typeof(Guid) => SubjectId.From(value switch
                {
                    Guid guid => guid,
                    string text => Guid.Parse(text, CultureInfo.InvariantCulture),
                    byte[] bytes => new Guid(bytes),
                    _ => throw new InvalidOperationException($"{Name}: a primary key value of type {value.GetType().Name} cannot be read as a Guid."),
                }).Value,
                var value when type == typeof(int) => SubjectId.From(Convert.ToInt32(value, CultureInfo.InvariantCulture)).Value,
                var value when type == typeof(long) => SubjectId.From(Convert.ToInt64(value, CultureInfo.InvariantCulture)).Value,
                var value => SubjectId.From(Convert.ToString(value, CultureInfo.InvariantCulture)).Value,
            };
        }

        return string.Join('\0', values);
    }

    /// <summary>The row key as text for reports (key values are identifiers, not personal values).</summary>
    public string KeyText(object?[] row)
        => string.Join(", ", row.Take(KeyColumns.Count).Select(static k => Convert.ToString(k, CultureInfo.InvariantCulture)));

    /// <summary>SQL that is true when a column holds a value to move: not null, not empty, not a subject-key value (bound
    /// to its row or not), not on the active key with the binding the column wants (<see cref="ReencryptionColumn.DoneFlags"/>).
    /// Legacy plaintext is selected too; the job decides (and reports) in code.</summary>
    private static string NeedsMove(ISqlGenerationHelper sql, string provider, ReencryptionColumn column, int activeKeyId)
    {
        var name = sql.DelimitIdentifier(column.Column);
        if (column.IsBinary)
        {
            var active = Convert.ToHexString(FieldFormat.Header(column.DoneFlags, activeKeyId));
            var subject = Convert.ToHexString([FieldFormat.Version1, FieldFlags.SubjectKey]);
            var boundSubject = Convert.ToHexString([FieldFormat.Version1, FieldFlags.SubjectKey | FieldFlags.RowBound]);
            return $"({name} IS NOT NULL AND length({name}) > 0 AND {BinaryPrefix(provider, name, FieldFormat.HeaderSize)} <> {BinaryLiteral(provider, active)} AND {BinaryPrefix(provider, name, 2)} <> {BinaryLiteral(provider, subject)} AND {BinaryPrefix(provider, name, 2)} <> {BinaryLiteral(provider, boundSubject)})";
        }

        // Base64 of the header's first three bytes (version, flags, top byte of the key id) is the prefix's first four
        // characters; the first three name version and flags for every key id below 2^30.
        var textHeader = FieldFormat.TextHeader(column.DoneFlags, activeKeyId);
        var subjectPrefix = FieldFormat.TextHeader(FieldFlags.SubjectKey, 0)[..(FieldFormat.TextPrefix.Length + 3)];
        var boundSubjectPrefix = FieldFormat.TextHeader(FieldFlags.SubjectKey | FieldFlags.RowBound, 0)[..(FieldFormat.TextPrefix.Length + 3)];
        return $"({name} IS NOT NULL AND {name} <> '' AND substr({name}, 1, {FieldFormat.TextHeaderLength}) <> '{textHeader}' AND substr({name}, 1, {subjectPrefix.Length}) <> '{subjectPrefix}' AND substr({name}, 1, {boundSubjectPrefix.Length}) <> '{boundSubjectPrefix}')";
    }

    private static string BinaryPrefix(string provider, string name, int length)
        => provider.Contains("Npgsql", StringComparison.Ordinal) ? $"substring({name} from 1 for {length})"
            : provider.Contains("Sqlite", StringComparison.Ordinal) ? $"substr({name}, 1, {length})"
            : throw new NotSupportedException($"Re-encrypting binary columns is supported on SQLite and PostgreSQL, not on {provider}.");

    private static string BinaryLiteral(string provider, string hex)
        => provider.Contains("Npgsql", StringComparison.Ordinal) ? $"'\\x{hex}'::bytea" : $"X'{hex}'";

    private static DbCommand CreateCommand(DbContext context)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        if (context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    private static string Parameter(DbCommand command, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
