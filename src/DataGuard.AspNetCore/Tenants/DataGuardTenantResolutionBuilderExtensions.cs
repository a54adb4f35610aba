using DataGuard.AspNetCore.Tenants;
using DataGuard.DependencyInjection;
using DataGuard.Tenants;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers how ASP.NET Core requests find their tenant.</summary>
public static class DataGuardTenantResolutionBuilderExtensions
{
    /// <summary>
    /// Configures the sources of a request's tenant (claim, host name, route value, header), validated when the host
    /// starts. Add <c>app.UseTenantResolution()</c> to the pipeline after authentication (and routing, for route
    /// values). Calling it again adds further configuration to the same options.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Chooses the sources, for example <c>o =&gt; o.FromClaim("tenant").FromHeader("X-Tenant")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static IDataGuardBuilder AddTenantResolution(this IDataGuardBuilder builder, Action<TenantResolutionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<TenantResolutionOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantResolutionOptions>, TenantResolutionOptionsValidator>());
        services.TryAddSingleton<ITenantContext, TenantContext>();
        return builder;
    }
}
