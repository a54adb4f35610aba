using DataGuard.Model;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataGuard.AspNetCore.Requests;

/// <summary><c>POST /me/erasure</c>: the subject's erasure request (GDPR Art. 17).</summary>
internal static class ErasureEndpoint
{
    public static void Map(IEndpointRouteBuilder group)
        => group.MapPost("/me/erasure", (Func<HttpContext, Task<IResult>>)EraseAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ErasureRateLimitPolicy)
            .WithName("DataGuardEraseMyData")
            .WithDisplayName("DataGuard: erase my data");

    /// <summary>Erasure runs within the call once the identity is verified and answers 201 with the report; a pending
    /// verification answers 202, and calling again resumes the same open request.</summary>
    private static Task<IResult> EraseAsync(HttpContext http)
        => SubjectRequestCall.ForSubjectAsync(http, SubjectRequestKind.Erasure, static r => r.IsOpen, async (call, request) =>
        {
            var report = await call.Rights.EraseAsync(call.Subject, http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request, completed => new ErasureResponse(completed, report)).ConfigureAwait(false);
        });
}
