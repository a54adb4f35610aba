using DataGuard.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EntityFrameworkCore.Infrastructure;

/// <summary>
/// Decorates, rather than replaces, the model cache key factory and model customizer EF Core's model source uses.
/// An application may replace either with <c>ReplaceService</c> (one model per tenant is common), and EF Core applies
/// such replacements after every options extension, whatever the order of the calls: so DataGuard wraps whatever the
/// container resolves, and both run.
/// </summary>
internal static class DataGuardModelSourceDependencies
{
    /// <summary>The container cannot decorate, so a factory builds EF Core's dependencies from it, then wraps.</summary>
    public static ServiceDescriptor Descriptor { get; } = ServiceDescriptor.Singleton(static services =>
    {
        var dependencies = ActivatorUtilities.CreateInstance<ModelSourceDependencies>(services);
        return dependencies with
        {
            ModelCacheKeyFactory = new DataGuardModelCacheKeyFactory(dependencies.ModelCacheKeyFactory),
            ModelCustomizer = new DataGuardModelCustomizer(dependencies.ModelCustomizer),
        };
    });
}
