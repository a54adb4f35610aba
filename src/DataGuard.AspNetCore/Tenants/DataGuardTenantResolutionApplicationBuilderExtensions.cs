using DataGuard.AspNetCore.Tenants;
using DataGuard.Tenants;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds tenant resolution to the request pipeline.</summary>
public static class DataGuardTenantResolutionApplicationBuilderExtensions
{
    /// <summary>
    /// Resolves each request's tenant from the sources chosen with <c>AddDataGuard().AddTenantResolution(…)</c> and runs
    /// the rest of the pipeline inside that tenant's <see cref="DataGuard.Tenants.ITenantContext"/> scope. Requests whose
    /// sources disagree get 403, requests with an invalid tenant id or (when required) none get 400, as ProblemDetails
    /// naming the source, never the value. Place it after <c>UseAuthentication()</c> and, for route values,
    /// <c>UseRouting()</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is null.</exception>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<TenantResolutionMiddleware>();
    }

    /// <summary>Lets the endpoint (or every endpoint of the group) run without a tenant when
    /// <see cref="TenantResolutionOptions.Required"/> is on, for example a sign-in page or a health check. A tenant that is
    /// found is still checked and scoped.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder, for example the result of <c>MapGet</c> or <c>MapGroup</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TBuilder AllowMissingTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint => endpoint.Metadata.Add(AllowMissingTenantMetadata.Instance));
        return builder;
    }
}
