using DataGuard.EFCore.Stores;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// EF Core's model source with DataGuard's model cache key factory and model customizer wrapped around whatever the
/// container resolves for them. An application may replace either with <c>ReplaceService</c> (one model per tenant is
/// common), and EF Core applies such replacements after every options extension, whatever the order of the calls: so
/// DataGuard decorates instead of replacing, and both run. (EF Core refuses a registration of its dependency objects
/// from an extension, so the decoration happens here, where the model source receives them.)
/// </summary>
internal sealed class DataGuardModelSource(ModelSourceDependencies dependencies) : ModelSource(dependencies with
{
    ModelCacheKeyFactory = new DataGuardModelCacheKeyFactory(dependencies.ModelCacheKeyFactory),
    ModelCustomizer = new DataGuardModelCustomizer(dependencies.ModelCustomizer),
});
