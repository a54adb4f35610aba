using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Consent;
using DataGuard.EFCore.Model;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Subjects;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Tenants;

/// <summary>
/// The tables offboarding clears, from the model: the application's tables (those with a tenant column; every one with a
/// database per tenant), dependents before principals along the model's foreign keys, and DataGuard's own tables holding
/// the tenant's records. DataGuard's tables are recognised by their entity types, which live in DataGuard's assemblies.
/// </summary>
internal static class TenantTables
{
    /// <summary>The application's tables holding the tenant's rows, dependents first; empty when the model has no tenant
    /// column and <paramref name="databasePerTenant"/> is false.</summary>
    public static IReadOnlyList<TenantTable> Application(DbContext context, bool databasePerTenant)
    {
        var model = context.Model;
        var sql = context.GetService<ISqlGenerationHelper>();
        var shared = TenantColumn.Any(model);
        if (!shared && !databasePerTenant)
        {
            return [];
        }

        var byTable = new Dictionary<StoreObjectIdentifier, TenantTable>();
        foreach (var entityType in model.GetEntityTypes().Where(static t => !IsDataGuards(t)).OrderBy(static t => t.IsOwned()))
        {
            if (StoreObjectIdentifier.Create(entityType, StoreObjectType.Table) is not { } table || byTable.ContainsKey(table))
            {
                continue;
            }

            var name = EntityTypeSpecReader.DataGuardName(entityType.GetRootType());
            var column = TenantColumnOf(model, table);
            if (column is not null || !shared)
            {
                var where = column is null ? null : $"{sql.DelimitIdentifier(column)} = {{0}}";
                byTable[table] = new TenantTable(name, sql.DelimitIdentifier(table.Name, table.Schema), where);
            }
        }

        return DependentsFirst(model, byTable);
    }

    /// <summary>DataGuard's tables with the tenant's records, in an order that deletes dependents first. The tenant's
    /// key-encryption key records stay (tombstones without material).</summary>
    public static IReadOnlyList<TenantTable> Store(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var tables = new List<TenantTable>();
        var requests = Find<SubjectRequestRow>(context);
        if (Find<SubjectRequestChangeRow>(context) is { } changes && requests is not null)
        {
            var requestId = Column(changes, nameof(SubjectRequestChangeRow.RequestId));
            var id = Column(requests, nameof(SubjectRequestRow.Id));
            tables.Add(Table(sql, changes, $"{sql.DelimitIdentifier(requestId)} IN (SELECT {sql.DelimitIdentifier(id)} FROM {Delimited(sql, requests)} " +
                $"WHERE {TenantIs(sql, requests)})"));
        }

        foreach (var entityType in new[]
        {
            Find<ErasureReportRow>(context), requests, Find<ConsentRecordRow>(context), Find<LegalHoldRecord>(context),
            Find<AuditCheckpointRecord>(context), Find<AuditEntryRecord>(context), Find<AuditHeadRecord>(context),
        })
        {
            if (entityType is not null)
            {
                tables.Add(Table(sql, entityType, TenantIs(sql, entityType)));
            }
        }

        if (Find<DataKeyRecord>(context) is { } keys)
        {
            var kind = Column(keys, nameof(DataKeyRecord.Kind));
            tables.Add(Table(sql, keys, $"{TenantIs(sql, keys)} AND {sql.DelimitIdentifier(kind)} <> {(int)DataKeyKind.TenantKey}"));
        }

        return tables;
    }

    private static bool IsDataGuards(IEntityType entityType)
        => entityType.ClrType.Assembly == typeof(TenantTables).Assembly || entityType.ClrType.Assembly == typeof(DataKeyRecord).Assembly;

    /// <summary>The tenant column mapped to <paramref name="table"/> by any entity type of the table.</summary>
    private static string? TenantColumnOf(IModel model, StoreObjectIdentifier table)
        => model.GetEntityTypes()
            .Where(t => StoreObjectIdentifier.Create(t, StoreObjectType.Table) == table)
            .Select(t => TenantColumn.Find(t)?.GetColumnName(table))
            .FirstOrDefault(static c => c is not null);

    /// <summary>Orders tables so that a table whose rows reference another's comes before it.</summary>
    private static List<TenantTable> DependentsFirst(IModel model, Dictionary<StoreObjectIdentifier, TenantTable> tables)
    {
        var dependents = tables.Keys.ToDictionary(static t => t, static _ => new List<StoreObjectIdentifier>());
        foreach (var key in model.GetEntityTypes().SelectMany(static t => t.GetDeclaredForeignKeys()))
        {
            if (StoreObjectIdentifier.Create(key.DeclaringEntityType, StoreObjectType.Table) is { } dependent
                && StoreObjectIdentifier.Create(key.PrincipalEntityType, StoreObjectType.Table) is { } principal
                && dependent != principal && tables.ContainsKey(dependent) && dependents.TryGetValue(principal, out var list))
            {
                list.Add(dependent);
            }
        }

        var ordered = new List<TenantTable>(tables.Count);
        var visited = new HashSet<StoreObjectIdentifier>();
        void Visit(StoreObjectIdentifier table)
        {
            if (visited.Add(table))
            {
                foreach (var dependent in dependents[table])
                {
                    Visit(dependent);
                }

                ordered.Add(tables[table]);
            }
        }

        foreach (var table in tables.Keys.OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered;
    }

    private static IEntityType? Find<T>(DbContext context) => context.Model.FindEntityType(typeof(T));

    private static StoreObjectIdentifier TableOf(IEntityType entityType) => StoreObjectIdentifier.Create(entityType, StoreObjectType.Table)!.Value;

    private static string Column(IEntityType entityType, string property)
        => entityType.FindProperty(property)!.GetColumnName(TableOf(entityType))!;

    private static string Delimited(ISqlGenerationHelper sql, IEntityType entityType)
        => sql.DelimitIdentifier(TableOf(entityType).Name, TableOf(entityType).Schema);

    private static string TenantIs(ISqlGenerationHelper sql, IEntityType entityType) => $"{sql.DelimitIdentifier(Column(entityType, "TenantId"))} = {{0}}";

    private static TenantTable Table(ISqlGenerationHelper sql, IEntityType entityType, string where)
        => new(TableOf(entityType).Name, Delimited(sql, entityType), where);
}
