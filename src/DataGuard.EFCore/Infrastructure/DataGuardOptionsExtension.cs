using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>What <c>UseDataGuard(sp)</c> adds to a context's options: DataGuard's conventions in EF Core's internal
/// service provider.</summary>
internal sealed class DataGuardOptionsExtension(IServiceProvider applicationServices, bool includeStoreTables) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    /// <summary>The application's services, in which <c>AddDataGuard()</c> was called.</summary>
    public IServiceProvider ApplicationServices { get; } = applicationServices;

    /// <summary>Whether this context is the one <c>UseEntityFrameworkStores&lt;TContext&gt;()</c> named, and so holds
    /// DataGuard's tables.</summary>
    public bool IncludeStoreTables { get; } = includeStoreTables;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        new EntityFrameworkServicesBuilder(services).TryAdd<IConventionSetPlugin, DataGuardConventionSetPlugin>();

        // Replace, not TryAdd: the provider registers EF Core's model source whether it applies before or after us.
        services.Replace(ServiceDescriptor.Singleton<IModelSource, DataGuardModelSource>());
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>All applications share EF Core's internal service provider; models are told apart by
    /// <see cref="DataGuardModelCacheKeyFactory"/>.</summary>
    private sealed class ExtensionInfo(DataGuardOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using DataGuard ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["DataGuard"] = "1";
    }
}
