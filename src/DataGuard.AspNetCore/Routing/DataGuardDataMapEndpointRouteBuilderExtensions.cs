using DataGuard;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves DataGuard's data map (the GDPR Art. 30 record of processing) over HTTP.</summary>
public static class DataGuardDataMapEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a GET endpoint that returns the data map as JSON, or as Markdown when the request asks for
    /// <c>text/markdown</c> (Accept header) or <c>?format=markdown</c>. The map names the application's personal
    /// fields: protect the endpoint, for example with <c>.RequireAuthorization("privacy-officer")</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>A builder to add conventions such as authorization to the endpoint.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="PersonalDataModel"/> is registered (call
    /// <c>AddDataGuard().UseEntityFrameworkStores&lt;TContext&gt;()</c> or register one).</exception>
    public static RouteHandlerBuilder MapDataMap(this IEndpointRouteBuilder endpoints, string pattern = "/privacy/data-map")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(PersonalDataModel)))
        {
            throw new InvalidOperationException("MapDataMap needs a PersonalDataModel: call services.AddDataGuard().UseEntityFrameworkStores<TContext>() or " +
                "register a PersonalDataModel.");
        }

        return endpoints.MapGet(pattern, static (HttpContext http, PersonalDataModel model, IOptions<DataGuardOptions> options) =>
            {
                var map = DataMap.Create(model, options.Value);
                return WantsMarkdown(http.Request)
                    ? Results.Text(map.ToMarkdown(), "text/markdown; charset=utf-8")
                    : Results.Bytes(map.ToJson(), "application/json; charset=utf-8");
            })
            .WithName("DataGuardDataMap")
            .WithDisplayName("DataGuard data map");
    }

    private static bool WantsMarkdown(HttpRequest request)
        => string.Equals(request.Query["format"], "markdown", StringComparison.OrdinalIgnoreCase)
           || request.GetTypedHeaders().Accept.Any(static a => a.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase));
}
