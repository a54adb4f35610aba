using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Tenants;

/// <summary>Counts and deletes a tenant's rows of <see cref="TenantTable"/>s with plain SQL, the tenant id a parameter:
/// what the database holds, whatever query filters the application has.</summary>
internal static class TenantTableSql
{
    public static async Task<List<TenantTableCount>> CountAsync(
        DbContext context, IReadOnlyList<TenantTable> tables, string tenant, CancellationToken cancellationToken)
    {
        var value = context.GetService<ISqlGenerationHelper>().DelimitIdentifier("Value");
        var counts = new List<TenantTableCount>(tables.Count);
        foreach (var table in tables)
        {
            var sql = $"SELECT COUNT(*) AS {value} FROM {table.Table}" + (table.Where is null ? "" : " WHERE " + table.Where);
            var rows = await context.Database.SqlQueryRaw<long>(sql, Parameters(table, tenant)).ToListAsync(cancellationToken).ConfigureAwait(false);
            counts.Add(new TenantTableCount(table, rows.Single()));
        }

        return counts;
    }

    /// <summary>Deletes the tenant's rows of every table, in order; the rows each statement deleted.</summary>
    public static async Task<List<TenantTableCount>> DeleteAsync(
        DbContext context, IReadOnlyList<TenantTable> tables, string tenant, CancellationToken cancellationToken)
    {
        var deleted = new List<TenantTableCount>(tables.Count);
        foreach (var table in tables)
        {
            var sql = $"DELETE FROM {table.Table}" + (table.Where is null ? "" : " WHERE " + table.Where);
            var rows = await context.Database.ExecuteSqlRawAsync(sql, Parameters(table, tenant), cancellationToken).ConfigureAwait(false);
            deleted.Add(new TenantTableCount(table, rows));
        }

        return deleted;
    }

    private static object[] Parameters(TenantTable table, string tenant) => table.Where is null ? [] : [tenant];
}
