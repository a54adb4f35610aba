using DataGuard.EFCore.Infrastructure;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Stores;

/// <summary>The tenant DataGuard's own tables are read and written for: <see cref="ITenantContext.Current"/> of the
/// application the store context was configured with (<c>UseDataGuard(sp)</c>), or <see langword="null"/> for
/// platform-level work, whose rows have no tenant. There is no fallback from one to the other.</summary>
internal static class StoreTenant
{
    /// <summary>The current tenant, for code that has the store context but not the application's services.</summary>
    public static string? Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var extension = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()
            ?? throw new InvalidOperationException("DataGuard's tables are read through a context configured with UseDataGuard(sp).");
        return extension.ApplicationServices.GetService<ITenantContext>()?.Current ?? TenantScope.Current?.Tenant;
    }
}
