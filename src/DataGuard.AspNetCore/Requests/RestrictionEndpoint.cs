using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataGuard.AspNetCore.Requests;

/// <summary><c>POST /me/restriction</c>: the subject's request to restrict processing (GDPR Art. 18).</summary>
internal static class RestrictionEndpoint
{
    public static void Map(IEndpointRouteBuilder group)
        => group.MapPost("/me/restriction", (Func<HttpContext, Task<IResult>>)RestrictAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ChangeRateLimitPolicy)
            .WithName("DataGuardRestrictMyData")
            .WithDisplayName("DataGuard: restrict processing of my data");

    /// <summary>Restriction is recorded once the identity is verified; 201 with the completed request.</summary>
    private static Task<IResult> RestrictAsync(HttpContext http)
        => SubjectRequestCall.ForSubjectAsync(http, SubjectRequestKind.Restriction, static r => r.IsOpen, async (call, request) =>
        {
            await call.Rights.RestrictAsync(call.Subject, "requested by the data subject", http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request).ConfigureAwait(false);
        });
}
