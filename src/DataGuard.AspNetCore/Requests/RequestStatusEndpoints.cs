using DataGuard.AspNetCore.Subjects;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataGuard.AspNetCore.Requests;

/// <summary><c>GET /me/requests</c> and <c>GET /me/requests/{id}</c>: the subject's own requests.</summary>
internal static class RequestStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/me/requests", static async (HttpContext http, ISubjectRequestService requests, TimeProvider time) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
                {
                    return failure!;
                }

                var mine = await requests.GetForSubjectAsync(subject, http.RequestAborted).ConfigureAwait(false);
                var now = time.GetUtcNow();
                return Results.Ok(mine.Select(r => SubjectRequestResponse.From(r, now)).ToList());
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName("DataGuardListMyRequests")
            .WithDisplayName("DataGuard: list my requests");

        // The id is taken as text (no :guid constraint) so that a malformed id gets the same ProblemDetails 404 as an
        // unknown one, instead of the routing's empty 404.
        group.MapGet("/me/requests/{id}", static async (string id, HttpContext http, ISubjectRequestService requests, TimeProvider time) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
                {
                    return failure!;
                }

                var request = Guid.TryParse(id, out var requestId) ? await requests.FindAsync(requestId, http.RequestAborted).ConfigureAwait(false) : null;
                return request is not null && request.SubjectId == subject
                    ? Results.Ok(SubjectRequestResponse.From(request, time.GetUtcNow()))
                    : SubjectRequestProblems.NotFound();
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName(SubjectRequestEndpoints.GetRequestRouteName)
            .WithDisplayName("DataGuard: my request");
    }
}
