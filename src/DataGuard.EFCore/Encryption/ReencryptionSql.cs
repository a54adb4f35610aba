using System.Data.Common;
using System.Globalization;
using System.Text;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Builds and runs the plain SQL of a <see cref="ReencryptionTarget"/>, on the context's connection and transaction:
/// keyset-paged reads (what they select is a <see cref="ReencryptionRead"/>) and the conditional update of one row.
/// Plain SQL, so no global query filter hides a row; provider differences live in <see cref="ReencryptionDialect"/>.
/// </summary>
internal sealed class ReencryptionSql : IAsyncDisposable
{
    private readonly ISqlGenerationHelper _sql;
    private readonly DbCommand _command;

    public ReencryptionSql(DbContext context)
    {
        _sql = context.GetService<ISqlGenerationHelper>();
        Dialect = ReencryptionDialect.For(context.Database.ProviderName);
        _command = context.Database.GetDbConnection().CreateCommand();
        _command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        if (context.Database.GetCommandTimeout() is { } timeout)
        {
            _command.CommandTimeout = timeout;
        }
    }

    public ReencryptionDialect Dialect { get; }

    /// <summary>A delimited column name.</summary>
    public string Id(string name) => _sql.DelimitIdentifier(name);

    /// <summary>Reads the next page of rows after the page's last key in key order, of the page's tenant when it names
    /// one: the key columns, then two expressions per encrypted column, as <paramref name="read"/> chooses them.</summary>
    public async Task<List<object?[]>> ReadPageAsync(
        ReencryptionTarget target, ReencryptionRead read, ReencryptionPage page, CancellationToken cancellationToken)
    {
        var (lastKey, batchSize, tenant) = page;
        var keys = string.Join(", ", target.KeyColumns.Select(Id));
        var text = new StringBuilder("SELECT ").Append(keys);
        foreach (var column in target.Columns)
        {
            text.Append(", ").Append(read.Value(this, column)).Append(", ").Append(read.Index(this, column));
        }

        text.Append(" FROM ").Append(_sql.DelimitIdentifier(target.Table.Name, target.Table.Schema));
        var conditions = new List<string>(2);
        if (read.Filter(this, target.Columns) is { } filter)
        {
            conditions.Add(filter);
        }

        if (lastKey is not null)
        {
            conditions.Add(After(target.KeyColumns, lastKey));
        }

        if (tenant is not null && target.TenantColumn is { } tenantColumn)
        {
            conditions.Add($"{Id(tenantColumn)} = {Parameter(tenant)}");
        }

        if (conditions.Count > 0)
        {
            text.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        text.Append(" ORDER BY ").Append(keys).Append(CultureInfo.InvariantCulture, $" LIMIT {batchSize}");
        _command.CommandText = text.ToString();
        return await ReadRowsAsync(target.KeyColumns.Count + (target.Columns.Count * 2), batchSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the moved values of one row, only if every one of them still holds the value read: the number of
    /// rows changed (0 when the application changed the row meanwhile). With <paramref name="tenant"/>, only a row of that tenant.</summary>
    public async Task<int> UpdateAsync(
        ReencryptionTarget target, object?[] key, IReadOnlyList<ReencryptionChange> changes, string? tenant, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("UPDATE ").Append(_sql.DelimitIdentifier(target.Table.Name, target.Table.Schema)).Append(" SET ");
        for (var i = 0; i < changes.Count; i++)
        {
            var (column, _, moved, index) = changes[i];
            text.Append(i == 0 ? "" : ", ").Append(Id(column.Column)).Append(" = ").Append(Parameter(moved));
            if (index is not null)
            {
                text.Append(", ").Append(Id(column.BlindIndexColumn!)).Append(" = ").Append(Parameter(index));
            }
        }

        text.Append(" WHERE ");
        for (var i = 0; i < target.KeyColumns.Count; i++)
        {
            text.Append(i == 0 ? "" : " AND ").Append(Id(target.KeyColumns[i])).Append(" = ").Append(Parameter(key[i]));
        }

        if (tenant is not null && target.TenantColumn is { } tenantColumn)
        {
            text.Append(" AND ").Append(Id(tenantColumn)).Append(" = ").Append(Parameter(tenant));
        }

        foreach (var change in changes)
        {
            text.Append(" AND ").Append(Id(change.Column.Column)).Append(" = ").Append(Parameter(change.Old));
        }

        _command.CommandText = text.ToString();
        return await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    /// <summary>Rows after <paramref name="lastKey"/>: <c>k &gt; @k</c>, or row values <c>(a, b) &gt; (@a, @b)</c> for a
    /// composite key (SQLite 3.15+ and PostgreSQL alike).</summary>
    private string After(IReadOnlyList<string> keyColumns, object?[] lastKey)
        => keyColumns.Count == 1
            ? $"{Id(keyColumns[0])} > {Parameter(lastKey[0])}"
            : $"({string.Join(", ", keyColumns.Select(Id))}) > ({string.Join(", ", lastKey.Select(Parameter))})";

    private async Task<List<object?[]>> ReadRowsAsync(int width, int batchSize, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>(batchSize);
        await using var reader = await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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

    private string Parameter(object? value)
    {
        var parameter = _command.CreateParameter();
        parameter.ParameterName = "@p" + _command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameter.Value = value ?? DBNull.Value;
        _command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
