using DataGuard.EFCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>What <c>UseDataGuard(sp, d =&gt; d.Region("eu"))</c> adds for data residency: the context's region, checked
/// against the declared regions, and the interceptor that refuses a tenant's data outside its region (only while
/// residency is on, so an application without it pays nothing).</summary>
internal static class ResidencySetup
{
    private static readonly ResidencySaveChangesInterceptor Interceptor = new();

    public static void Apply(DbContextOptionsBuilder optionsBuilder, IServiceProvider serviceProvider, Action<DataGuardDbContextOptionsBuilder> configure)
    {
        var settings = new DataGuardDbContextOptionsBuilder();
        configure(settings);
        var residency = serviceProvider.GetService<IOptionsMonitor<DataGuardOptions>>()?.CurrentValue.Residency;
        var contextName = optionsBuilder.Options.ContextType.Name;
        if (settings.StoredRegion is { } region)
        {
            if (residency is not { Enabled: true })
            {
                throw DataGuardErrors.Misconfigured($"{contextName} declares region '{region}' (UseDataGuard(sp, d => d.Region(...))), but residency is " +
                    "off: declare the regions the platform stores data in (DataGuardOptions.Residency.Regions) and each tenant's region.");
            }

            if (!residency.Regions.Contains(region))
            {
                throw DataGuardErrors.Misconfigured($"{contextName} declares region '{region}', which is not one of Residency.Regions " +
                    $"({string.Join(", ", residency.Regions.Select(static r => $"'{r}'"))}).");
            }

            ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new ResidencyOptionsExtension(region));
        }

        if (residency is { Enabled: true })
        {
            optionsBuilder.AddInterceptors(Interceptor);
        }
    }
}
