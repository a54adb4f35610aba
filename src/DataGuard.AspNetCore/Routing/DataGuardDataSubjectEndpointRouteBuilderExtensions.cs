using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Consent;
using DataGuard.AspNetCore.Requests;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints through which signed-in data subjects exercise their rights.</summary>
public static class DataGuardDataSubjectEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the data-subject endpoints under <paramref name="prefix"/>, each acting for the signed-in user only (the
    /// subject id comes from the user's claims, see <see cref="SubjectClaimOptions"/>; no route takes another
    /// subject's id). Anonymous requests get 401. Routes:
    /// <list type="bullet">
    /// <item><c>GET {prefix}/consents</c>: the state of every declared purpose.</item>
    /// <item><c>GET {prefix}/consents/history</c>: the subject's consent history.</item>
    /// <item><c>POST {prefix}/consents/{purpose}</c>: grant consent under the current notice.</item>
    /// <item><c>DELETE {prefix}/consents/{purpose}</c>: withdraw consent.</item>
    /// <item><c>GET {prefix}/me/export</c>: the subject's export package (<c>application/zip</c>, streamed), recorded as
    /// an access request; rate limited per subject (<see cref="DataSubjectEndpointOptions.ExportRateLimitPolicy"/>).</item>
    /// <item><c>POST {prefix}/me/erasure</c>: an erasure request, carried out at once when the
    /// <see cref="DataGuard.Subjects.Requests.ISubjectVerifier"/> verifies the identity (201 with the request and the erasure
    /// report).</item>
    /// <item><c>POST {prefix}/me/rectification</c>, mapped while <see cref="DataSubjectEndpointOptions.Rectification"/> is
    /// on: a correction (JSON body: <c>entity</c>, <c>property</c>, <c>value</c>, <c>note</c>), checked against the
    /// personal-data model (400 when the body is missing or malformed, or names no property that can be corrected), then
    /// applied through the application's <see cref="DataGuard.Subjects.ISubjectRectifier"/> (201 with the completed
    /// request).</item>
    /// <item><c>POST {prefix}/me/restriction</c>: a request to restrict processing (201 with the completed request).</item>
    /// <item><c>GET {prefix}/me/requests</c> and <c>GET {prefix}/me/requests/{id}</c>: the subject's own requests; another
    /// subject's id gets the same 404 as an unknown one.</item>
    /// </list>
    /// Export, erasure, rectification and restriction are tracked requests: each is carried out once the verifier
    /// verifies the identity; while verification is pending they answer 202 with the request's location (calling again
    /// resumes it), 403 when it is rejected, 409 when the request changed concurrently, and 500 when the work failed (the
    /// request is then closed as failed; an export whose package had started is aborted instead).
    /// An undeclared purpose gets 404 with ProblemDetails. Every route is rate limited per subject by one of DataGuard's
    /// named policies (429 with ProblemDetails; see <see cref="DataSubjectEndpointOptions"/>): add <c>app.UseRateLimiter()</c>
    /// after <c>app.UseAuthentication()</c>, or nothing is limited. A body above
    /// <see cref="DataSubjectEndpointOptions.MaxRequestBodySize"/> gets 413 with ProblemDetails.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix, for example "/privacy".</param>
    /// <returns>The group, to add conventions such as <c>.RequireAuthorization()</c> to every route.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddDataGuard().AddDataSubjectEndpoints()</c> was not called, or
    /// no <see cref="DataGuard.Subjects.Requests.ISubjectRequestStore"/> or <see cref="DataGuard.Subjects.ISubjectRightsService"/> is
    /// registered, or <see cref="DataSubjectEndpointOptions.Rectification"/> is on and no
    /// <see cref="DataGuard.Subjects.ISubjectRectifier"/> is registered.</exception>
    /// <exception cref="OptionsValidationException"><see cref="SubjectClaimOptions"/> are invalid.</exception>
    public static RouteGroupBuilder MapDataSubjectEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/privacy")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(IConsentService)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints needs DataGuard's services: call services.AddDataGuard().");
        }

        RequireRequestServices(endpoints.ServiceProvider);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DataSubjectEndpointOptions>>().Value;
        RequireRectifier(endpoints.ServiceProvider, options);

        SubjectClaimOptionsValidator.ThrowIfInvalid(endpoints.ServiceProvider.GetRequiredService<IOptions<SubjectClaimOptions>>().Value);
        var group = endpoints.MapGroup(prefix);
        var bodyLimit = new RequestBodyLimit(options.MaxRequestBodySize);
        group.WithMetadata(bodyLimit).AddEndpointFilter(bodyLimit.FilterAsync);
        ConsentEndpoints.Map(group);
        SubjectRequestEndpoints.Map(group, options);
        return group;
    }

    private static void RequireRectifier(IServiceProvider services, DataSubjectEndpointOptions options)
    {
        if (options.Rectification
            && services.GetService<IServiceProviderIsService>() is { } isService
            && !isService.IsService(typeof(DataGuard.Subjects.ISubjectRectifier)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints maps POST /me/rectification, which needs the application's ISubjectRectifier (it " +
                "checks and applies a correction): register one, or turn the route off with AddDataSubjectEndpoints(o => o.Rectification = false).");
        }
    }

    private static void RequireRequestServices(IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } isService)
        {
            return;
        }

        if (!isService.IsService(typeof(DataSubjectEndpointsMarker)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints needs services.AddDataGuard().AddDataSubjectEndpoints() (it adds the export's " +
                "rate-limiting policy).");
        }

        if (!isService.IsService(typeof(DataGuard.Subjects.Requests.ISubjectRequestStore)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints tracks requests and needs a request store: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>(), or register an ISubjectRequestStore (InMemorySubjectRequestStore in tests).");
        }

        if (!isService.IsService(typeof(DataGuard.Subjects.ISubjectRightsService)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints exports and erases through an ISubjectRightsService: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>(), or register one.");
        }
    }
}
