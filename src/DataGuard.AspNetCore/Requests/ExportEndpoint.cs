using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore.Requests;

/// <summary><c>GET /me/export</c>: the subject's export package (GDPR Art. 15, 20), recorded as an access request.</summary>
internal static class ExportEndpoint
{
    public static void Map(IEndpointRouteBuilder group)
        => group.MapGet("/me/export", (Func<HttpContext, Task<IResult>>)ExportAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ExportRateLimitPolicy)
            .WithName("DataGuardExportMyData")
            .WithDisplayName("DataGuard: download my data");

    /// <summary>Streams the package as it is written: nothing of it is buffered or stored on the server.</summary>
    private static Task<IResult> ExportAsync(HttpContext http)
        => SubjectRequestCall.ForSubjectAsync(http, SubjectRequestKind.Access, static r => r.Status == SubjectRequestStatus.Received, async (call, request) =>
        {
            var response = http.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = $"personal-data-{call.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip",
                FileName = $"personal-data-{call.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip",
            }.ToString();
            response.Headers.CacheControl = "no-store";

            await call.Rights.ExportAsync(call.Subject, response.Body, http.RequestAborted).ConfigureAwait(false);
            await call.Requests.CompleteAsync(request, SubjectRequestCall.EndpointActor, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        });
}
