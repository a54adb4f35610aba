using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Requests;
using DataGuard.DependencyInjection;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>MapDataSubjectEndpoints</c> needs beyond <c>AddDataGuard()</c>.</summary>
public static class DataGuardDataSubjectEndpointsBuilderExtensions
{
    /// <summary>
    /// Prepares the data-subject endpoints: their options (validated at start-up) and ASP.NET Core's rate limiter with
    /// DataGuard's policies (a fixed window per subject for each kind of route: export, erasure, changes, consents,
    /// reads; see <see cref="DataSubjectEndpointOptions"/>). A policy the host adds under one of those names replaces
    /// DataGuard's. The host must add <c>app.UseRateLimiter()</c> after <c>app.UseAuthentication()</c>: without the
    /// middleware nothing is limited.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Configures the rate limits, the body size limit and the rectification route.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>The endpoints also need an <see cref="DataGuard.Subjects.Requests.ISubjectRequestStore"/> and an
    /// <see cref="DataGuard.Subjects.ISubjectRightsService"/> (both registered by <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>);
    /// <c>MapDataSubjectEndpoints</c> fails with an <see cref="InvalidOperationException"/> naming what is missing.</remarks>
    public static IDataGuardBuilder AddDataSubjectEndpoints(this IDataGuardBuilder builder, Action<DataSubjectEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DataSubjectEndpointOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataSubjectEndpointOptions>, DataSubjectEndpointOptionsValidator>());
        if (!services.Any(static d => d.ServiceType == typeof(DataSubjectEndpointsMarker)))
        {
            services.AddSingleton<DataSubjectEndpointsMarker>();
            services.AddRateLimiter(static _ => { });
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RateLimiterOptions>, SubjectRateLimiterSetup>());
        }

        return builder;
    }
}
