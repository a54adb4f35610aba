using DataGuard.EFCore.Model;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// Keeps SaveChanges inside the current tenant for entities with a tenant column (<see cref="TenantColumn"/>), before
/// anything is written: an added row gets the current tenant when its column is empty; a row of another tenant, a change
/// of an existing row's tenant, or any such write without a tenant is refused (<see cref="TenantMismatchException"/>,
/// <see cref="TenantRequiredException"/>). The tenant column is a concurrency token, so an UPDATE or DELETE names the
/// tenant in its WHERE clause: an entity attached by a guessed key (its tenant empty, so stamped here) matches no row of
/// another tenant, and EF Core reports the concurrency failure. Registered before DataGuard's other interceptors.
/// </summary>
internal sealed class TenantSaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null || !TenantColumn.Any(context.Model))
        {
            return;
        }

        string? tenant = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || TenantColumn.Find(entry.Metadata) is not { } property)
            {
                continue;
            }

            tenant ??= TenantScoping.Current(context) ?? throw Required(entry.Metadata, property);
            Stamp(entry.Property(property), entry.State, tenant);
        }
    }

    private static void Stamp(PropertyEntry column, EntityState state, string tenant)
    {
        if (state != EntityState.Added)
        {
            // The row as stored: its tenant must be the current one (an entity attached by key alone gets it).
            if (string.IsNullOrEmpty(column.OriginalValue as string))
            {
                column.OriginalValue = tenant;
            }
            else if (!string.Equals((string)column.OriginalValue!, tenant, StringComparison.Ordinal))
            {
                throw Mismatch(column, tenant, (string)column.OriginalValue!, "belongs to");
            }
        }

        if (string.IsNullOrEmpty(column.CurrentValue as string))
        {
            column.CurrentValue = tenant;
        }
        else if (!string.Equals((string)column.CurrentValue!, tenant, StringComparison.Ordinal))
        {
            throw Mismatch(column, tenant, (string)column.CurrentValue!, state == EntityState.Added ? "is written for" : "would move to");
        }
    }

    private static TenantRequiredException Required(IEntityType entityType, IProperty property)
        => new($"{EntityTypeSpecReader.DataGuardName(entityType)} has a tenant column ({property.Name}), so its rows are saved only inside a "
               + "tenant's scope, and none is set: nothing was written. Open one with ITenantContext.Begin, or resolve the request's tenant "
               + "(UseTenantResolution).");

    /// <summary>The other tenant is named only when it is a tenant id: the column may hold anything the caller sent.</summary>
    private static TenantMismatchException Mismatch(PropertyEntry column, string current, string other, string relation)
    {
        var named = TenantIds.IsValid(other) ? other : "(not a tenant id)";
        var where = $"{EntityTypeSpecReader.DataGuardName(column.EntityEntry.Metadata)}.{column.Metadata.Name}";
        return new TenantMismatchException(
            current,
            named,
            $"A {where} row {relation} tenant '{named}', and the current tenant is '{current}': DataGuard refuses to write another tenant's row, "
            + "or to move a row to another tenant. Nothing was written.");
    }
}
