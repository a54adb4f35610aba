using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Model;
using DataGuard.Tenants;
using DataGuard.Tenants.Residency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>
/// Keeps a tenant's data in its region: before SaveChanges writes anything (after the tenant interceptor has stamped
/// tenant columns, before encryption and audit), every added, changed or deleted row that is a tenant's data must go through a
/// context storing the tenant's region (<see cref="ResidencyRules"/>), or the whole SaveChanges is refused with
/// <see cref="DataResidencyException"/>. A tenant's data is a row of an entity holding personal data or with a tenant
/// column, written inside the tenant's scope or stamped with its id, and DataGuard's own rows (consents, requests, holds,
/// reports, keys) carrying its id. Deletes are writes too: they leave audit entries, and a tenant's audit chain lives in
/// its region. Registered only while residency is on.
/// </summary>
internal sealed class ResidencySaveChangesInterceptor : SaveChangesInterceptor
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
        if (context is null || ContextResidency.Options(context) is not { } residency)
        {
            return;
        }

        var current = TenantScoping.Current(context);
        var region = ContextResidency.RegionOf(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && TenantOf(entry, current) is { } tenant)
            {
                var what = $"{EntityTypeSpecReader.DataGuardName(entry.Metadata)} rows";
                ResidencyRules.EnsureWritable(residency, tenant, region, ContextResidency.Name(context), what);
            }
        }
    }

    /// <summary>The tenant whose data the row is, or <see langword="null"/> for platform data and rows that are no tenant's.</summary>
    private static string? TenantOf(EntityEntry entry, string? current)
    {
        var kind = ResidencyEntityKinds.Of(entry.Metadata, entry.Context.Model);
        switch (kind)
        {
            case ResidencyEntityKind.StoreRow:
                return entry.Property(ResidencyEntityKinds.StoreTenantProperty).CurrentValue is string { Length: > 0 } stored ? stored : null;
            case ResidencyEntityKind.TenantColumn:
                // Stamped by the tenant interceptor; a value that is not a tenant id is refused there, so fall back to the scope's.
                var column = entry.Property(TenantColumn.Find(entry.Metadata)!).CurrentValue as string;
                return column is not null && TenantIds.IsValid(column) ? column : current;
            case ResidencyEntityKind.Personal:
                return current;
            default:
                return null;
        }
    }
}
