using System.Globalization;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore.Console;

/// <summary>Access and portability requests: the subject's export package, streamed as a download.</summary>
internal static partial class ConsoleRequestPages
{
    private static async Task<IResult> ExportAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var services = http.RequestServices;
        var requests = services.GetRequiredService<ISubjectRequestService>();
        var request = await requests.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is not { Status: SubjectRequestStatus.InProgress, Kind: SubjectRequestKind.Access or SubjectRequestKind.Portability })
        {
            return await DetailAsync(http, area, id, request is null ? null : "Only an approved access or portability request can be fulfilled with an " +
                "export.", true).ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var date = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = http.Response;
        response.ContentType = "application/zip";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"export-{ShortId(id)}-{date}.zip" }.ToString();
        try
        {
            await services.GetRequiredService<ISubjectRightsService>().ExportAsync(request.SubjectId, response.Body, http.RequestAborted).ConfigureAwait(false);
            await requests.CompleteAsync(request, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
            await ConsoleArea.RecordAsync(
                http, "console.request.exported", Purpose, request.SubjectId, $"request {request.Id:D}: export package delivered").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(http, "export", id, ex);
            if (!response.HasStarted)
            {
                response.Headers.ContentDisposition = default;
                return await DetailAsync(
                    http, area, id, "The export failed (" + ex.GetType().Name + "); the request stays in progress. Try again.", true).ConfigureAwait(false);
            }

            // A truncated package must never look complete.
            http.Abort();
        }

        return Results.Empty;
    }
}
