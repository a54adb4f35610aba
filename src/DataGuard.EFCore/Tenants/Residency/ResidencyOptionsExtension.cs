using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>The region a context stores (<c>UseDataGuard(sp, d =&gt; d.Region("eu"))</c>), found on the context's
/// options by the residency interceptor and DataGuard's own stores.</summary>
internal sealed class ResidencyOptionsExtension(string region) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public string Region { get; } = region;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>No services of its own, so contexts of every region share EF Core's internal service provider.</summary>
    private sealed class ExtensionInfo(ResidencyOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"region={((ResidencyOptionsExtension)Extension).Region} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            => debugInfo["DataGuard:Region"] = ((ResidencyOptionsExtension)Extension).Region;
    }
}
