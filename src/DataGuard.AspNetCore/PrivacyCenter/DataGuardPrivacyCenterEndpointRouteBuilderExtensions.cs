using DataGuard.AspNetCore.Pages;
using DataGuard.AspNetCore.PrivacyCenter;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps DataGuard's privacy center: server-rendered pages where a signed-in data subject sees and exercises
/// their rights.</summary>
public static class DataGuardPrivacyCenterEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the privacy center under <paramref name="prefix"/> for the signed-in data subject (found in the user's claims,
    /// see <c>SubjectClaimOptions</c>): the categories of data kept, "download my data" (a tracked access request; the
    /// export package downloads), consent toggles with the notice text and version, a request for erasure (handled in
    /// the privacy console) or a correction (applied through the application's <c>ISubjectRectifier</c> when one is
    /// registered), and the status of the subject's own requests. Every route requires an authenticated user; a
    /// signed-in user who is no data subject gets 403. Every form carries an antiforgery token; no URL carries a subject id.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix, for example "/privacy".</param>
    /// <returns>The group, to add conventions to every route.</returns>
    /// <exception cref="InvalidOperationException">DataGuard's services or antiforgery are not registered.</exception>
    public static RouteGroupBuilder MapPrivacyCenter(this IEndpointRouteBuilder endpoints, string prefix = "/privacy")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        PageRequirements.ThrowIfMissing(endpoints.ServiceProvider, "MapPrivacyCenter");
        var group = endpoints.MapGroup(prefix);
        PageAssets.Map(group).AllowAnonymous();
        var pages = endpoints.MapGroup(prefix).RequireAuthorization();
        PrivacyCenterPages.Map(pages, prefix.TrimEnd('/'));
        return pages;
    }
}
