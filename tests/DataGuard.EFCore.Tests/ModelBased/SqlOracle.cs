using System.Data.Common;
using System.Globalization;
using DataGuard.EFCore.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// The oracle: what the database holds, read with plain SQL on the application's connection, with no query filter and no
/// DataGuard code in the way. A row's subject is found by joining its foreign keys up to the subject column its model
/// declares, exactly as the subject path reads.
/// </summary>
internal static class SqlOracle
{
    public static Task<List<OracleRow>> RowsAsync(ModelHost host) => host.WithContextAsync(async db =>
    {
        var rows = new List<OracleRow>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        foreach (var entity in host.Spec.Entities)
        {
            var marker = db.Model.FindEntityType(ClrType(entity.Node))!.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is null
                ? "NULL" : $"t.\"{RetentionAnnotationNames.AnonymizedAtProperty}\"";
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT t.\"Id\", {SubjectSql(host.Spec, entity.Node, out var joins)}, t.\"CreatedAt\", {marker}, t.\"IsDeleted\" " +
                $"FROM \"{ModelContext.Table(entity.Node)}\" t{joins}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new OracleRow(
                    entity.Node,
                    KeyText(reader.GetValue(0)),
                    reader.IsDBNull(1) ? null : Guid.Parse(Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!),
                    DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                    !reader.IsDBNull(3),
                    reader.GetBoolean(4)));
            }
        }

        return rows;
    });

    /// <summary>Every audit entry that names an entity: (entity type, key, subject, action).</summary>
    public static Task<List<(string Entity, string? Key, string? Subject, string Action)>> AuditAsync(ModelHost host) => host.WithContextAsync(async db =>
    {
        var entries = new List<(string, string?, string?, string)>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT \"EntityType\", \"EntityKey\", \"SubjectId\", \"Action\" FROM \"DataGuardAuditEntries\" " +
            "WHERE \"EntityType\" IS NOT NULL " +
            "ORDER BY \"Sequence\"";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3)));
        }

        return entries;
    });

    /// <summary>The SQL expression of the row's subject, and the LEFT JOINs it needs (a broken chain gives NULL).</summary>
    private static string SubjectSql(ModelSpec spec, ModelNode node, out string joins)
    {
        joins = "";
        var entity = spec[node];
        if (node == ModelNode.Root)
        {
            return "t.\"Id\"";
        }

        if (entity.Link == SubjectLink.Own)
        {
            return $"t.\"{ModelContext.ForeignKey(entity)}\"";
        }

        var steps = ModelContext.SubjectPath(spec, node)!.Split('.');
        var alias = "t";
        var current = node;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            var parent = ModelSpec.ParentOf(current)!.Value;
            var next = "p" + i.ToString(CultureInfo.InvariantCulture);
            joins += $" LEFT JOIN \"{ModelContext.Table(parent)}\" {next} ON {next}.\"Id\" = {alias}.\"{ModelContext.ForeignKey(spec[current])}\"";
            alias = next;
            current = parent;
        }

        return $"{alias}.\"{steps[^1]}\"";
    }

    public static string KeyText(object value) => value switch
    {
        Guid g => g.ToString("D"),
        string s when Guid.TryParse(s, out var g) => g.ToString("D"),
        string s => s,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
    };

    public static Type ClrType(ModelNode node) => node switch
    {
        ModelNode.Root => typeof(ModelRoot),
        ModelNode.BranchA => typeof(ModelBranchA),
        ModelNode.BranchB => typeof(ModelBranchB),
        ModelNode.Leaf => typeof(ModelLeaf),
        _ => typeof(ModelTwig),
    };

    /// <summary>Every row as the application reads it: decrypted by DataGuard, query filters ignored, untracked.</summary>
    public static Task<List<RowValues>> ValuesAsync(ModelHost host) => host.WithContextAsync(async db =>
    {
        var values = new List<RowValues>();
        foreach (var entity in host.Spec.Entities)
        {
            var rows = entity.Node switch
            {
                ModelNode.Root
                    => (await db.Set<ModelRoot>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Select(static r => (Key: KeyText(r.Id), Row: (ModelRow)r)),
                ModelNode.BranchA
                    => (await db.Set<ModelBranchA>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Select(static r => (Key: KeyText(r.Id),
                        Row: (ModelRow)r)),
                ModelNode.BranchB
                    => (await db.Set<ModelBranchB>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Select(static r => (Key: KeyText(r.Id),
                        Row: (ModelRow)r)),
                ModelNode.Leaf
                    => (await db.Set<ModelLeaf>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Select(static r => (Key: KeyText(r.Id), Row: (ModelRow)r)),
                _ => (await db.Set<ModelTwig>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Select(static r => (Key: KeyText(r.Id), Row: (ModelRow)r)),
            };
            foreach (var (key, row) in rows)
            {
                var personal = new Dictionary<string, string?> { ["Name"] = row.Name, ["Email"] = row.Email };
                if (entity.Owned)
                {
                    personal["Address.Street"] = row.Address?.Street;
                    personal["Address.City"] = row.Address?.City;
                }

                values.Add(new RowValues(entity.Node, key, personal, row.Label));
            }
        }

        return values;
    });
}
