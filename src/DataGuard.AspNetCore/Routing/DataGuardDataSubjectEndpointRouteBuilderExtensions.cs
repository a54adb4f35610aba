using DataGuard;
using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Consent;
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
    /// </list>
    /// An undeclared purpose gets 404 with ProblemDetails.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix, for example "/privacy".</param>
    /// <returns>The group, to add conventions such as <c>.RequireAuthorization()</c> to every route.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddDataGuard()</c> was not called.</exception>
    /// <exception cref="OptionsValidationException"><see cref="SubjectClaimOptions"/> are invalid.</exception>
    public static RouteGroupBuilder MapDataSubjectEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/privacy")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(IConsentService)))
        {
            throw new InvalidOperationException("MapDataSubjectEndpoints needs DataGuard's services: call services.AddDataGuard().");
        }

        SubjectClaimOptionsValidator.ThrowIfInvalid(endpoints.ServiceProvider.GetRequiredService<IOptions<SubjectClaimOptions>>().Value);
        var group = endpoints.MapGroup(prefix);
        ConsentEndpoints.Map(group);
        return group;
    }
}
