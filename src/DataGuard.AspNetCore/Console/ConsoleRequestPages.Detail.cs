using System.Globalization;
using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>A request's page: its facts, the next step an operator can take, and its history.</summary>
internal static partial class ConsoleRequestPages
{
    private static async Task<IResult> DetailAsync(HttpContext http, ConsoleArea area, Guid id, string? error, bool fromPost)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var services = http.RequestServices;
        var request = await services.GetRequiredService<ISubjectRequestService>().FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return ConsoleArea.Render(page, "Request not found", new Html().Raw("<p>No request has this id.</p>"), StatusCodes.Status404NotFound);
        }

        if (!fromPost)
        {
            // Opening a request shows who it is about: an access to the subject's file, on the trail.
            using var audit = ConsoleArea.BeginAudit(http, Purpose);
            await ConsoleArea.RecordAsync(http, "console.request.viewed", Purpose, request.SubjectId, $"request {request.Id:D} viewed").ConfigureAwait(false);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var sla = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Requests;
        var (countdown, css) = Countdown.Describe(request.DueAt, now, area.Options.DueSoonWithin, request.IsOpen);
        var html = new Html();
        html.Alert(error, error is not null);
        if (error is null && http.Request.Query["done"].ToString() is { Length: > 0 } done)
        {
            html.Alert(
                done switch { "erasure" => "The erasure was executed. Download the signed report now and keep it with the request.", _ => "Saved." }, false);
        }

        RenderFacts(html, page, request, countdown, css);

        if (page.CanOperate && request.IsOpen)
        {
            var holds = request is { Kind: SubjectRequestKind.Erasure, Status: SubjectRequestStatus.InProgress }
                && services.GetService<ILegalHoldService>() is { } holdService
                ? await holdService.GetActiveAsync(http.RequestAborted).ConfigureAwait(false)
                : [];
            RenderActions(html, page, request, sla, services, holds);
        }

        if (await area.ErasureReports.FindAsync(services, request.Id, http.RequestAborted).ConfigureAwait(false) is { } archived)
        {
            RenderReport(html, page, request, archived);
        }

        RenderHistory(html, page, request);
        html.Raw("<p><a").Attr("href", page.Url("/requests")).Raw(">Back to the inbox</a></p>");
        return ConsoleArea.Render(
            page, $"{request.Kind} request {ShortId(request.Id)}", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    private static void RenderFacts(Html html, PageContext page, SubjectRequest request, string countdown, string css)
    {
        html.Raw("<dl class=\"facts\">")
            .Raw("<dt>Request</dt><dd>").Text(request.Id.ToString("D")).Raw("</dd>")
            .Raw("<dt>Kind</dt><dd>").Text(request.Kind.ToString()).Raw("</dd>")
            .Raw("<dt>Subject</dt><dd>").Text(page.Subject(request.SubjectId.Value)).Raw("</dd>")
            .Raw("<dt>Status</dt><dd>").Text(StatusText(request.Status)).Raw("</dd>")
            .Raw("<dt>Received</dt><dd>").Time(request.ReceivedAt).Raw("</dd>")
            .Raw("<dt>Due</dt><dd>")
            .Time(request.DueAt)
            .Raw(" ")
            .Element("span", countdown, css)
            .Raw(request.IsExtended ? " <span class=\"badge\">extended</span>" : "")
            .Raw("</dd>");
        if (request.RejectionReason is { } reason)
        {
            html.Raw("<dt>Rejected because</dt><dd>").Text(reason).Raw("</dd>");
        }

        html.Raw("</dl>");
    }

    private static void RenderHistory(Html html, PageContext page, SubjectRequest request)
    {
        html.Raw("<h2>History</h2><table><caption>Every change, oldest first</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Change</th>" +
            "<th scope=\"col\">By</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (var change in request.History)
        {
            html.Raw("<tr><td>").Time(change.At).Raw("</td>").Element("td", change.Action.ToString())
                .Element("td", change.Actor == request.SubjectId.Value ? page.Subject(change.Actor) : change.Actor)
                .Element("td", change.Reason ?? "")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void RenderActions(
        Html html,
        PageContext page,
        SubjectRequest request,
        SubjectRequestOptions sla,
        IServiceProvider services,
        IReadOnlyList<LegalHold> holds)
    {
        var path = page.Url("/requests/" + request.Id.ToString("D"));
        html.Raw("<section class=\"card\"><h2>Next step</h2>");
        switch (request.Status)
        {
            case SubjectRequestStatus.Received:
                html.Raw("<p>Check that the requester is the data subject (GDPR Art. 12(6)) before anything else.</p>")
                    .Form(page, path + "/verify", "inline", "Verify identity").Button("Identity verified").Raw("</form>");
                break;
            case SubjectRequestStatus.IdentityVerified:
                html.Raw("<p>The identity is verified. Approve the request to start work on it.</p>")
                    .Form(page, path + "/approve", "inline", "Approve").Button("Approve and start").Raw("</form>");
                break;
            case SubjectRequestStatus.InProgress when request.Kind is SubjectRequestKind.Access or SubjectRequestKind.Portability:
                html.Raw("<p>Download the subject's export package (a ZIP with a signed manifest) and send it to the subject. The request is completed when " +
                    "the download has been written.</p>")
                    .Form(page, path + "/export", "inline", "Fulfil export").Button("Fulfil export and download the package").Raw("</form>");
                break;
            case SubjectRequestStatus.InProgress when request.Kind is SubjectRequestKind.Erasure:
                RenderErasurePreview(html, page, request, services, holds, path);
                break;
            case SubjectRequestStatus.InProgress:
                html.Raw("<p>Carry out the request in the application, then mark it completed.</p>")
                    .Form(page, path + "/complete", "inline", "Complete").Button("Mark completed").Raw("</form>");
                break;
        }

        if (!request.IsExtended && sla.MaxExtension > TimeSpan.Zero)
        {
            html.Raw("<h2>Extend the deadline</h2>").Form(page, path + "/extend", "inline", "Extend the deadline")
                .Input("extend-days", "days", "Days", "number", ((int)sla.MaxExtension.TotalDays).ToString(CultureInfo.InvariantCulture),
                    extra: "required min=\"1\" max=\"" + ((int)sla.MaxExtension.TotalDays).ToString(CultureInfo.InvariantCulture) + "\"")
                .Input("extend-reason", "reason", "Reason (shown to the subject; no personal data)", extra: "required maxlength=\"500\"")
                .Button("Extend", "button-secondary").Raw("</form>");
        }

        html.Raw("<h2>Reject</h2>").Form(page, path + "/reject", "inline", "Reject the request")
            .Input("reject-reason", "reason", "Reason (shown to the subject; no personal data)", extra: "required maxlength=\"500\"")
            .Button("Reject", "button-danger").Raw("</form></section>");
    }
}
