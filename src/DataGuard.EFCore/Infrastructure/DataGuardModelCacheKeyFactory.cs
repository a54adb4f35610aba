using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EntityFrameworkCore.Infrastructure;

/// <summary>
/// Caches one model per context type and application: the model's value converters use the application's key ring,
/// so two hosts in one process (integration tests, several tenants) must not share a model. EF Core keeps a single
/// internal service provider for all of them.
/// </summary>
internal sealed class DataGuardModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
    {
        var extension = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>();
        return new Key(context.GetType(), designTime, extension?.ApplicationServices, extension?.IncludeStoreTables ?? false);
    }

    private sealed record Key(Type ContextType, bool DesignTime, IServiceProvider? ApplicationServices, bool IncludeStoreTables);
}
