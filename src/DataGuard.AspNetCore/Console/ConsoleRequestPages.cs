using System.Globalization;
using System.IO.Compression;
using DataGuard.AspNetCore.Pages;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Requests area: the inbox of open data-subject requests with their deadline countdown, and a request's page where
/// an operator verifies the identity, approves (starts), extends or rejects it, fulfils an export (the signed package
/// downloads) or an erasure (a preview of what happens to each entity and why, then the execution, then the signed
/// report). Request pages are addressed by the request's random id, never by the subject's.
/// </summary>
internal static class ConsoleRequestPages
{
    private const string Purpose = ConsoleArea.RequestsPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        var op = area.Options.OperatorPolicy;
        group.MapGet("/requests", Task<IResult> (HttpContext http) => InboxAsync(http, area));
        group.MapPost("/requests/new", Task<IResult> (HttpContext http) => ReceiveAsync(http, area)).RequireAuthorization(op);
        group.MapGet("/requests/{id:guid}", (HttpContext http, Guid id) => DetailAsync(http, area, id, null, false));
        group.MapPost("/requests/{id:guid}/export", (HttpContext http, Guid id) => ExportAsync(http, area, id)).RequireAuthorization(op);
        group.MapPost("/requests/{id:guid}/erasure", (HttpContext http, Guid id) => EraseAsync(http, area, id)).RequireAuthorization(op);
        group.MapPost("/requests/{id:guid}/erasure-report", (HttpContext http, Guid id) => ReportAsync(http, area, id)).RequireAuthorization(op);
        // One route per step (no regex constraint: slim hosts do not register it).
        foreach (var action in (string[])["verify", "approve", "extend", "reject", "complete"])
        {
            group.MapPost("/requests/{id:guid}/" + action, (HttpContext http, Guid id) => ChangeAsync(http, area, id, action)).RequireAuthorization(op);
        }
    }

    private static async Task<IResult> InboxAsync(HttpContext http, ConsoleArea area)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var sla = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Requests;
        var kindFilter = Enum.TryParse<SubjectRequestKind>(http.Request.Query["kind"], ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (SubjectRequestKind?)null;
        var due = http.Request.Query["due"].ToString() is "overdue" or "soon" ? http.Request.Query["due"].ToString() : "all";
        var pageNumber = int.TryParse(http.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

        // Every open request is "overdue" at the end of time: the store's indexed overdue query lists the open ones,
        // most urgent first.
        var open = await services.GetRequiredService<ISubjectRequestStore>().GetOverdueAsync(DateTimeOffset.MaxValue, http.RequestAborted).ConfigureAwait(false);
        var rows = open
            .Where(r => kindFilter is null || r.Kind == kindFilter)
            .Where(r => due switch
            {
                "overdue" => r.IsOverdue(now),
                "soon" => r.DueAt - now <= area.Options.DueSoonWithin,
                _ => true,
            })
            .ToList();
        var pageRows = rows.Skip((pageNumber - 1) * area.Options.PageSize).Take(area.Options.PageSize).ToList();

        var html = new Html();
        html.Raw("<p class=\"muted\">").Text($"Requests must be answered within {Countdown.Span(sla.ResponseTime)} of receipt (SubjectRequestOptions.ResponseTime); a deadline can be extended once by up to {Countdown.Span(sla.MaxExtension)}.").Raw("</p>");
        html.Raw("<p>").Number(open.Count).Text(" open, ").Raw("<strong>").Number(open.Count(r => r.IsOverdue(now))).Text(" overdue").Raw("</strong>.</p>");
        html.Raw("<form method=\"get\" class=\"inline\" aria-label=\"Filter requests\">")
            .Select("kind", "kind", "Kind", new[] { ("", "Any kind") }.Concat(Enum.GetValues<SubjectRequestKind>().Select(v => (v.ToString(), v.ToString()))), kindFilter?.ToString() ?? "")
            .Select("due", "due", "Deadline", [("all", "Any deadline"), ("soon", "Due soon or overdue"), ("overdue", "Overdue")], due)
            .Button("Filter", "button-secondary").Raw("</form>");

        html.Raw("<table><caption>Open requests, most urgent first</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Kind</th><th scope=\"col\">Subject</th><th scope=\"col\">Status</th><th scope=\"col\">Received</th><th scope=\"col\">Due</th><th scope=\"col\">Deadline</th></tr></thead><tbody>");
        foreach (var r in pageRows)
        {
            var (text, css) = Countdown.Describe(r.DueAt, now, area.Options.DueSoonWithin, r.IsOpen);
            html.Raw(r.IsOverdue(now) ? "<tr class=\"overdue\">" : "<tr>")
                .Raw("<td><a").Attr("href", page.Url("/requests/" + r.Id.ToString("D"))).Raw(">").Text(ShortId(r.Id)).Raw("</a></td>")
                .Element("td", r.Kind.ToString()).Element("td", page.Subject(r.SubjectId.Value)).Element("td", StatusText(r.Status))
                .Raw("<td>").Time(r.ReceivedAt).Raw("</td><td>").Time(r.DueAt).Raw("</td><td>").Element("span", text, css).Raw("</td></tr>");
        }

        if (pageRows.Count == 0)
        {
            html.Raw("<tr><td colspan=\"7\">No open requests match.</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (rows.Count > pageNumber * area.Options.PageSize)
        {
            html.Raw("<p><a").Attr("href", page.Url($"/requests?kind={kindFilter}&due={due}&page={pageNumber + 1}")).Raw(">Next page</a></p>");
        }

        if (page.CanOperate)
        {
            html.Raw("<section class=\"card\"><h2>Record a request</h2><p class=\"muted\">For a request received by e-mail, letter or phone.</p>")
                .Form(page, page.Url("/requests/new"), "inline", "Record a request")
                .Input("new-subject", "subject", "Subject id", required: true, extra: "autocomplete=\"off\"")
                .Select("new-kind", "kind", "Kind", Enum.GetValues<SubjectRequestKind>().Select(v => (v.ToString(), v.ToString())))
                .Button("Record").Raw("</form></section>");
        }

        return ConsoleArea.Render(page, "Requests", html);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, ConsoleArea area)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!ConsoleArea.TryReadSubject(http, form["subject"], out var subject)
            || !Enum.TryParse<SubjectRequestKind>(form["kind"], ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a subject id or request kind of this application");
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var request = await http.RequestServices.GetRequiredService<ISubjectRequestService>().ReceiveAsync(subject, kind, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        await ConsoleArea.RecordAsync(http, "console.request.recorded", Purpose, subject, $"request {request.Id:D} ({kind}) recorded").ConfigureAwait(false);
        return area.SeeOther(http, "/requests/" + request.Id.ToString("D"));
    }

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
            html.Alert(done switch { "erasure" => "The erasure was executed. Download the signed report now and keep it with the request.", _ => "Saved." }, false);
        }

        html.Raw("<dl class=\"facts\">")
            .Raw("<dt>Request</dt><dd>").Text(request.Id.ToString("D")).Raw("</dd>")
            .Raw("<dt>Kind</dt><dd>").Text(request.Kind.ToString()).Raw("</dd>")
            .Raw("<dt>Subject</dt><dd>").Text(page.Subject(request.SubjectId.Value)).Raw("</dd>")
            .Raw("<dt>Status</dt><dd>").Text(StatusText(request.Status)).Raw("</dd>")
            .Raw("<dt>Received</dt><dd>").Time(request.ReceivedAt).Raw("</dd>")
            .Raw("<dt>Due</dt><dd>").Time(request.DueAt).Raw(" ").Element("span", countdown, css).Raw(request.IsExtended ? " <span class=\"badge\">extended</span>" : "").Raw("</dd>");
        if (request.RejectionReason is { } reason)
        {
            html.Raw("<dt>Rejected because</dt><dd>").Text(reason).Raw("</dd>");
        }

        html.Raw("</dl>");

        if (page.CanOperate && request.IsOpen)
        {
            var holds = request is { Kind: SubjectRequestKind.Erasure, Status: SubjectRequestStatus.InProgress } && services.GetService<ILegalHoldService>() is { } holdService
                ? await holdService.GetActiveAsync(http.RequestAborted).ConfigureAwait(false)
                : [];
            RenderActions(html, page, request, sla, services, holds);
        }

        if (area.ErasureReports.Find(request.Id) is { } archived)
        {
            RenderReport(html, page, request, archived);
        }

        html.Raw("<h2>History</h2><table><caption>Every change, oldest first</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Change</th><th scope=\"col\">By</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (var change in request.History)
        {
            html.Raw("<tr><td>").Time(change.At).Raw("</td>").Element("td", change.Action.ToString())
                .Element("td", change.Actor == request.SubjectId.Value ? page.Subject(change.Actor) : change.Actor).Element("td", change.Reason ?? "").Raw("</tr>");
        }

        html.Raw("</tbody></table><p><a").Attr("href", page.Url("/requests")).Raw(">Back to the inbox</a></p>");
        return ConsoleArea.Render(page, $"{request.Kind} request {ShortId(request.Id)}", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    private static void RenderActions(Html html, PageContext page, SubjectRequest request, SubjectRequestOptions sla, IServiceProvider services, IReadOnlyList<LegalHold> holds)
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
                html.Raw("<p>Download the subject's export package (a ZIP with a signed manifest) and send it to the subject. The request is completed when the download has been written.</p>")
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
                .Input("extend-days", "days", "Days", "number", ((int)sla.MaxExtension.TotalDays).ToString(CultureInfo.InvariantCulture), required: true,
                    extra: "min=\"1\" max=\"" + ((int)sla.MaxExtension.TotalDays).ToString(CultureInfo.InvariantCulture) + "\"")
                .Input("extend-reason", "reason", "Reason (shown to the subject; no personal data)", required: true, extra: "maxlength=\"500\"")
                .Button("Extend", "button-secondary").Raw("</form>");
        }

        html.Raw("<h2>Reject</h2>").Form(page, path + "/reject", "inline", "Reject the request")
            .Input("reject-reason", "reason", "Reason (shown to the subject; no personal data)", required: true, extra: "maxlength=\"500\"")
            .Button("Reject", "button-danger").Raw("</form></section>");
    }

    /// <summary>What an erasure will do to each entity the subject reaches, and why rows are kept, from the model, the
    /// erasure options and the active legal holds; then the confirmation that executes it.</summary>
    private static void RenderErasurePreview(Html html, PageContext page, SubjectRequest request, IServiceProvider services, IReadOnlyList<LegalHold> holds, string path)
    {
        var model = services.GetService<PersonalDataModel>();
        var subjectKeys = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Encryption.SubjectKeys;
        var subjectHolds = holds.Where(h => h.Subject is { } s && s.Value == request.SubjectId.Value).ToList();
        var keepsRows = subjectHolds.Count > 0 || holds.Any(h => h.EntityType is not null)
                        || (model?.Entities.Any(static e => e.IsReachableBySubject && e.Retention is { IsMinimum: true }) ?? false);
        html.Raw("<h2>Erasure preview</h2><table><caption>What the erasure will do, per entity</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Personal fields</th><th scope=\"col\">Outcome</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.IsReachableBySubject) ?? [])
        {
            var entityHold = holds.FirstOrDefault(h => string.Equals(h.EntityType, entity.Name, StringComparison.Ordinal));
            string outcome;
            string why;
            if (subjectHolds.Count > 0 || entityHold is not null)
            {
                outcome = "Kept";
                why = "Legal hold: " + (subjectHolds.FirstOrDefault() ?? entityHold)!.Reason;
            }
            else if (entity.Retention is { IsMinimum: true } minimum)
            {
                outcome = $"Kept while younger than {minimum.Days} days, then {Verb(entity.Erasure, subjectKeys)}";
                why = "Retention minimum: " + minimum.LegalRequirement;
            }
            else
            {
                outcome = Verb(entity.Erasure, subjectKeys);
                why = entity.Erasure == ErasureAction.Shred && !subjectKeys ? "Shred configured, but subject keys are off: anonymised instead" : "Configured erasure action";
                if (entity.Erasure == ErasureAction.Delete && keepsRows)
                {
                    outcome += ", or anonymised where kept rows refer to it";
                }
            }

            html.Raw("<tr>").Element("td", entity.Name).Element("td", string.Join(", ", entity.Fields.Select(static f => f.Name)))
                .Element("td", outcome).Element("td", why).Raw("</tr>");
        }

        html.Raw("</tbody></table><p class=\"muted\">The signed erasure report counts the rows the database actually changed.</p>")
            .Form(page, path + "/erasure", "stack", "Execute the erasure")
            .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"erasure-confirm\" name=\"confirm\" value=\"yes\" required><label for=\"erasure-confirm\">I have checked the preview; erase the subject's data now</label></div>")
            .Button("Execute erasure", "button-danger").Raw("</form>");
    }

    private static string Verb(ErasureAction action, bool subjectKeys) => action switch
    {
        ErasureAction.Delete => "Deleted",
        ErasureAction.Anonymize => "Anonymised",
        ErasureAction.Shred when subjectKeys => "Shredded (subject key destroyed)",
        _ => "Anonymised",
    };

    private static void RenderReport(Html html, PageContext page, SubjectRequest request, ErasureReportArchive.Entry archived)
    {
        var report = archived.Report;
        html.Raw("<section class=\"card\"><h2>Erasure report</h2><p>").Number(report.Deleted).Text(" deleted, ").Number(report.Anonymized).Text(" anonymised, ")
            .Number(report.Shredded).Text(" shredded, ").Number(report.Kept).Text(" kept").Text(archived.Signature is null ? " (unsigned: no SubjectRightsOptions.SigningCertificate is set)." : "; signed.").Raw("</p>")
            .Raw("<table><caption>Per entity</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Action</th><th scope=\"col\">Deleted</th><th scope=\"col\">Anonymised</th><th scope=\"col\">Shredded</th><th scope=\"col\">Kept</th><th scope=\"col\">Reasons</th></tr></thead><tbody>");
        foreach (var e in report.Entities)
        {
            html.Raw("<tr>").Element("td", e.Entity).Element("td", e.Action.ToString()).Raw("<td>").Number(e.Deleted).Raw("</td><td>").Number(e.Anonymized)
                .Raw("</td><td>").Number(e.Shredded).Raw("</td><td>").Number(e.Kept).Raw("</td>").Element("td", string.Join("; ", e.Reasons)).Raw("</tr>");
        }

        html.Raw("</tbody></table>").Form(page, page.Url("/requests/" + request.Id.ToString("D") + "/erasure-report"), "inline", "Download the erasure report")
            .Button("Download the signed report").Raw("</form><p class=\"muted\">Kept in this server's memory only: download it and file it with the request.</p></section>");
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, ConsoleArea area, Guid id, string action)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var requests = http.RequestServices.GetRequiredService<ISubjectRequestService>();
        var request = await requests.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return await DetailAsync(http, area, id, null, true).ConfigureAwait(false);
        }

        var actor = ConsoleArea.Actor(http);
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        try
        {
            var reason = form["reason"].ToString().Trim();
            var changed = action switch
            {
                "verify" => await requests.VerifyIdentityAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "approve" => await requests.StartAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "complete" => await requests.CompleteAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "reject" => await requests.RejectAsync(request, reason, actor, http.RequestAborted).ConfigureAwait(false),
                "extend" => await requests.ExtendDeadlineAsync(request, TimeSpan.FromDays(ReadDays(form["days"])), reason, actor, http.RequestAborted).ConfigureAwait(false),
                _ => throw new InvalidOperationException("Unknown action."),
            };
            await ConsoleArea.RecordAsync(http, "console.request." + action, Purpose, request.SubjectId, $"request {request.Id:D}: {action}, now {changed.Status}").ConfigureAwait(false);
            return area.SeeOther(http, "/requests/" + id.ToString("D"));
        }
        catch (Exception ex) when (ex is SubjectRequestStateException or SubjectRequestConcurrencyException or ArgumentException)
        {
            Log(http, action, id, ex);
            return await DetailAsync(http, area, id, Explain(ex), true).ConfigureAwait(false);
        }
    }

    private static int ReadDays(string? text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : 0;

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
            return await DetailAsync(http, area, id, request is null ? null : "Only an approved access or portability request can be fulfilled with an export.", true).ConfigureAwait(false);
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
            await ConsoleArea.RecordAsync(http, "console.request.exported", Purpose, request.SubjectId, $"request {request.Id:D}: export package delivered").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(http, "export", id, ex);
            if (!response.HasStarted)
            {
                response.Headers.ContentDisposition = default;
                return await DetailAsync(http, area, id, "The export failed (" + ex.GetType().Name + "); the request stays in progress. Try again.", true).ConfigureAwait(false);
            }

            // A truncated package must never look complete.
            http.Abort();
        }

        return Results.Empty;
    }

    private static async Task<IResult> EraseAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var services = http.RequestServices;
        var requests = services.GetRequiredService<ISubjectRequestService>();
        var request = await requests.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is not { Status: SubjectRequestStatus.InProgress, Kind: SubjectRequestKind.Erasure })
        {
            return await DetailAsync(http, area, id, request is null ? null : "Only an approved erasure request can be executed.", true).ConfigureAwait(false);
        }

        if (!string.Equals(form["confirm"], "yes", StringComparison.Ordinal))
        {
            return await DetailAsync(http, area, id, "Confirm that you checked the preview before executing the erasure.", true).ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        ErasureReport report;
        try
        {
            report = await services.GetRequiredService<ISubjectRightsService>().EraseAsync(request.SubjectId, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DataGuardException ex)
        {
            Log(http, "erasure", id, ex);
            return await DetailAsync(http, area, id, "The erasure failed (" + ex.GetType().Name + ") and changed nothing; the request stays in progress.", true).ConfigureAwait(false);
        }

        var certificate = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.SubjectRights.SigningCertificate;
        area.ErasureReports.Add(request.Id, report, certificate is null ? null : report.Sign(certificate));
        await requests.CompleteAsync(request, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        await ConsoleArea.RecordAsync(http, "console.request.erased", Purpose, request.SubjectId,
            $"request {request.Id:D}: {report.Deleted} deleted, {report.Anonymized} anonymised, {report.Shredded} shredded, {report.Kept} kept").ConfigureAwait(false);
        return area.SeeOther(http, "/requests/" + id.ToString("D") + "?done=erasure");
    }

    /// <summary>The report as a ZIP: <c>erasure-report.json</c> and, when signed, its detached CMS signature
    /// <c>erasure-report.p7s</c> (verify with <see cref="ErasureReport.Verify"/>).</summary>
    private static async Task<IResult> ReportAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        if (area.ErasureReports.Find(id) is not { } archived)
        {
            return await DetailAsync(http, area, id, "No erasure report of this request is held by this server (it is kept in memory until a restart).", true).ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        await ConsoleArea.RecordAsync(http, "console.request.report-downloaded", Purpose, archived.Report.SubjectId, $"request {id:D}: erasure report downloaded").ConfigureAwait(false);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, "erasure-report.json", archived.Json);
            if (archived.Signature is { } signature)
            {
                WriteEntry(archive, "erasure-report.p7s", signature);
            }
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(zip.ToArray(), "application/zip", $"erasure-report-{ShortId(id)}.zip");
    }

    private static void WriteEntry(ZipArchive archive, string name, byte[] content)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }

    private static string Explain(Exception ex) => ex switch
    {
        SubjectRequestConcurrencyException => "Someone else changed the request meanwhile. Check its state and try again.",
        SubjectRequestStateException => "The request's state does not allow this step any more.",
        ArgumentOutOfRangeException => "The extension must be at least one day and at most the allowed maximum.",
        _ => "Give a reason of 1 to 500 characters.",
    };

    private static void Log(HttpContext http, string action, Guid id, Exception ex)
        => ConsoleLog.ActionFailed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.PrivacyConsole"), action, id, ex.GetType().Name);

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    public static string StatusText(SubjectRequestStatus status) => status switch
    {
        SubjectRequestStatus.IdentityVerified => "Identity verified",
        SubjectRequestStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
