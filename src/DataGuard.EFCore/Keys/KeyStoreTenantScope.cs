using System.Data.Common;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Keys;

/// <summary>
/// Which rows of <c>DataGuardKeys</c> the current work sees: in a tenant's scope only that tenant's keys; without one the
/// platform's keys (a null <c>TenantId</c>). A table created before the tenant column existed is read as before (it can
/// hold only platform keys); whether the column exists is probed with plain ADO.NET until it is found, once per store.
/// </summary>
internal sealed class KeyStoreTenantScope
{
    private volatile bool _columnSeen;

    /// <summary>The key rows the current tenant (or the platform) may see, projected without the encryption count.</summary>
    public async Task<IQueryable<DataKeyRecord>> RecordsAsync(DbContext context, string? tenant, CancellationToken cancellationToken)
    {
        var set = context.Set<DataKeyRecord>().AsNoTracking();
        if (tenant is not null)
        {
            return Project(set.Where(k => k.TenantId == tenant), withTenant: true);
        }

        return await HasColumnAsync(context, cancellationToken).ConfigureAwait(false)
            ? Project(set.Where(static k => k.TenantId == null), withTenant: true)
            : Project(set, withTenant: false);
    }

    /// <summary>The rows an update by id may touch: in a tenant's scope, only that tenant's.</summary>
    public static IQueryable<DataKeyRecord> Writable(DbContext context, string? tenant)
        => tenant is null ? context.Set<DataKeyRecord>() : context.Set<DataKeyRecord>().Where(k => k.TenantId == tenant);

    /// <summary>Refuses to store a key for another tenant than the current one.</summary>
    public static void EnsureSameTenant(DataKeyRecord key, string? tenant)
    {
        if (!string.Equals(key.TenantId, tenant, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Key of tenant '{key.TenantId ?? "(platform)"}' cannot be stored in the scope of tenant '{tenant ?? "(platform)"}': keys are stored in " +
                "their own tenant's scope.");
        }
    }

    /// <summary>The key columns without the encryption count, so reading keys works on a table created before the count
    /// (and the tenant column) existed: values written by an earlier release still read; only writes need the migration.</summary>
    private static IQueryable<DataKeyRecord> Project(IQueryable<DataKeyRecord> rows, bool withTenant)
        => withTenant
            ? rows.Select(static k => new DataKeyRecord
            {
                Id = k.Id, Kind = k.Kind, Status = k.Status, WrappedKey = k.WrappedKey, SubjectId = k.SubjectId, TenantId = k.TenantId,
                CreatedAt = k.CreatedAt, StatusChangedAt = k.StatusChangedAt,
            })
            : rows.Select(static k => new DataKeyRecord
            {
                Id = k.Id, Kind = k.Kind, Status = k.Status, WrappedKey = k.WrappedKey, SubjectId = k.SubjectId,
                CreatedAt = k.CreatedAt, StatusChangedAt = k.StatusChangedAt,
            });

    private async Task<bool> HasColumnAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_columnSeen)
        {
            return true;
        }

        var entityType = context.Model.FindEntityType(typeof(DataKeyRecord))!;
        var helper = context.GetService<ISqlGenerationHelper>();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Plain ADO.NET: a missing column is an expected answer here, not an error for EF Core's logs.
            await using var command = connection.CreateCommand();
            var table = helper.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
            command.CommandText = $"SELECT {helper.DelimitIdentifier(DataKeyRecordConfiguration.TenantIdColumn)} FROM {table} WHERE 1 = 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            _columnSeen = true;
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
