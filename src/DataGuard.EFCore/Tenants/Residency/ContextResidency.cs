using DataGuard.EFCore.Infrastructure;
using DataGuard.Tenants.Residency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>A context's side of the residency rule: the region it stores, and the check DataGuard's own stores make
/// before they write a tenant's rows through it (the audit chain appends with plain SQL, outside SaveChanges).</summary>
internal static class ContextResidency
{
    /// <summary>The region the context stores, or <see langword="null"/> when it declares none.</summary>
    public static string? RegionOf(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<ResidencyOptionsExtension>()?.Region;

    /// <summary>The application's residency settings, or <see langword="null"/> when residency is off.</summary>
    public static ResidencyOptions? Options(DbContext context)
    {
        var services = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()?.ApplicationServices;
        var residency = services?.GetService<IOptionsMonitor<DataGuardOptions>>()?.CurrentValue.Residency;
        return residency is { Enabled: true } ? residency : null;
    }

    /// <summary>Refuses writing <paramref name="tenant"/>'s <paramref name="what"/> through <paramref name="context"/>
    /// unless the context stores the tenant's region; platform rows (no tenant) and residency off pass.</summary>
    /// <exception cref="DataResidencyException">The regions differ, or the tenant or the context declares none.</exception>
    public static void EnsureWritable(DbContext context, string? tenant, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tenant is not null && Options(context) is { } residency)
        {
            ResidencyRules.EnsureWritable(residency, tenant, RegionOf(context), Name(context), what);
        }
    }

    public static string Name(DbContext context) => $"the context {context.GetType().Name}";
}
