using System.Globalization;
using DataGuard.EFCore.Model;
using DataGuard.Encryption;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

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
        TenantColumn = Model.TenantColumn.Find(entityType)?.GetColumnName(table);
    }

    private readonly Type[] _keyTypes;

    public IEntityType EntityType { get; }

    /// <summary>The entity's DataGuard name (unique in the model, unlike the class name), as reports and logs name it.</summary>
    public string Name => Model.EntityTypeSpecReader.DataGuardName(EntityType);

    public StoreObjectIdentifier Table { get; }

    /// <summary>The primary key's columns: rows are read in key order, a batch after the last key of the previous one.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    public IReadOnlyList<ReencryptionColumn> Columns { get; }

    /// <summary>The tenant column in a database tenants share (<see cref="Model.TenantColumn"/>), or <see langword="null"/>.</summary>
    public string? TenantColumn { get; }

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
    public async Task<List<object?[]>> ReadBatchAsync(
        DbContext context,
        int activeKeyId,
        object?[]? lastKey,
        int batchSize,
        CancellationToken cancellationToken)
    {
        var tenant = Infrastructure.TenantScoping.TenantFor(context, EntityType);
        await using var sql = new ReencryptionSql(context);
        var page = new ReencryptionPage(lastKey, batchSize, tenant);
        return await sql.ReadPageAsync(this, ReencryptionRead.ValuesToMove(activeKeyId), page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the moved values of one row, only if every one of them still holds the value read: the number of
    /// rows changed (0 when the application changed the row meanwhile).</summary>
    public async Task<int> UpdateAsync(DbContext context, object?[] key, IReadOnlyList<ReencryptionChange> changes, CancellationToken cancellationToken)
    {
        var tenant = Infrastructure.TenantScoping.TenantFor(context, EntityType);
        await using var sql = new ReencryptionSql(context);
        return await sql.UpdateAsync(this, key, changes, tenant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads only the key-naming header of every value, a batch of rows at a time, for the key-usage scan.</summary>
    public async Task<List<object?[]>> ReadHeadersAsync(DbContext context, object?[]? lastKey, int batchSize, CancellationToken cancellationToken)
    {
        // Inside a tenant's scope, that tenant's values; at platform level, every value (the scan only reads key ids).
        var tenant = TenantColumn is null ? null : Infrastructure.TenantScoping.Current(context);
        await using var sql = new ReencryptionSql(context);
        var page = new ReencryptionPage(lastKey, batchSize, tenant);
        return await sql.ReadPageAsync(this, ReencryptionRead.Headers, page, cancellationToken).ConfigureAwait(false);
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
}
