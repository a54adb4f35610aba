using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// Caches one model per application on top of the key of the factory it wraps (EF Core's, or the application's own,
/// e.g. one model per tenant): the model's value converters use the application's key ring, so two hosts in one
/// process (integration tests, several tenants) must not share a model. EF Core keeps a single internal service
/// provider for all of them.
/// </summary>
internal sealed class DataGuardModelCacheKeyFactory(IModelCacheKeyFactory inner) : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
    {
        var extension = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>();
        return new Key(inner.Create(context, designTime), extension?.ApplicationServices, extension?.IncludeStoreTables ?? false);
    }

    private sealed record Key(object Inner, IServiceProvider? ApplicationServices, bool IncludeStoreTables);
}
