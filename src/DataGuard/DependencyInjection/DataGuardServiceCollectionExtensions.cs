using DataGuard;
using DataGuard.Audit;
using DataGuard.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DataGuard in an <see cref="IServiceCollection"/>.</summary>
public static class DataGuardServiceCollectionExtensions
{
    /// <summary>
    /// Adds DataGuard's core services and options. Options are validated when the host starts, and every problem is
    /// reported at once. Calling it again adds further configuration to the same options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, for example the purposes of processing.</param>
    /// <returns>A builder to chain further DataGuard configuration on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IDataGuardBuilder AddDataGuard(this IServiceCollection services, Action<DataGuardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<DataGuardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, DataGuardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditTrail, NullAuditTrail>();
        services.TryAddSingleton<IAuditContext, AuditContext>();
        return new DataGuardBuilder(services);
    }
}
