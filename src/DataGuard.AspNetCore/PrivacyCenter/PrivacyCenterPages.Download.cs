using System.Globalization;
using DataGuard.AspNetCore.Console;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore.PrivacyCenter;

/// <summary>"Download my data" and the request lifecycle every subject request of the center goes through.</summary>
internal static partial class PrivacyCenterPages
{
    private static async Task<IResult> DownloadAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var (request, problem) = await OpenAsync(http, subject, SubjectRequestKind.Access, startWork: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HomeAsync(
                http, prefix, problem.Value.Error ? null : problem.Value.Text, problem.Value.Error ? problem.Value.Text : null).ConfigureAwait(false);
        }

        var services = http.RequestServices;
        var response = http.Response;
        var date = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        response.ContentType = "application/zip";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"my-data-{date}.zip" }.ToString();
        var requests = services.GetRequiredService<ISubjectRequestService>();
        try
        {
            await services.GetRequiredService<ISubjectRightsService>().ExportAsync(subject, response.Body, http.RequestAborted).ConfigureAwait(false);
            await requests.CompleteAsync(request!, CenterActor, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await requests.RejectAsync(
                request!,
                $"Failed ({ex.GetType().Name}): the download could not be made; ask again.",
                CenterActor,
                CancellationToken.None).ConfigureAwait(false);
            if (!response.HasStarted)
            {
                response.Headers.ContentDisposition = default;
                return await HomeAsync(http, prefix, null, "Your download could not be made. Please try again later.").ConfigureAwait(false);
            }

            http.Abort();
        }

        return Results.Empty;
    }

    /// <summary>Records a request of the subject and takes it through identity verification (the registered
    /// <see cref="ISubjectVerifier"/>) and, when <paramref name="startWork"/>, into progress. Returns the request, or the
    /// message to show when verification is pending or refused it.</summary>
    private static async Task<(SubjectRequest? Request, (string Text, bool Error)? Problem)> OpenAsync(
        HttpContext http,
        SubjectId subject,
        SubjectRequestKind kind,
        bool startWork)
    {
        var services = http.RequestServices;
        var requests = services.GetRequiredService<ISubjectRequestService>();
        var ct = http.RequestAborted;
        var mine = await requests.GetForSubjectAsync(subject, ct).ConfigureAwait(false);
        var request = mine.FirstOrDefault(r => r.Kind == kind && r.IsOpen && (startWork ? r.Status == SubjectRequestStatus.Received : true))
                      ?? await requests.ReceiveAsync(subject, kind, SubjectActor, ct).ConfigureAwait(false);
        if (!startWork && request.Status != SubjectRequestStatus.Received)
        {
            return (request, ("You already have an erasure request in progress.", false));
        }

        var verification = await services.GetRequiredService<ISubjectVerifier>().VerifyAsync(request, http.User, ct).ConfigureAwait(false);
        switch (verification.Outcome)
        {
            case SubjectVerificationOutcome.Rejected:
                await requests.RejectAsync(request, verification.Reason ?? "Identity not verified.", VerifierActor, ct).ConfigureAwait(false);
                return (null, ("We could not verify your identity: " + (verification.Reason ?? "please contact us."), true));
            case SubjectVerificationOutcome.Pending:
                return (null, ("Your request is recorded; we need to verify your identity first and will contact you.", false));
        }

        request = await requests.VerifyIdentityAsync(request, VerifierActor, ct).ConfigureAwait(false);
        if (startWork)
        {
            request = await requests.StartAsync(request, CenterActor, ct).ConfigureAwait(false);
        }

        return (request, null);
    }
}
