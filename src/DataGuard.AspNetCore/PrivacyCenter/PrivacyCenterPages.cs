using System.Globalization;
using DataGuard.AspNetCore.Console;
using DataGuard.AspNetCore.Pages;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore.PrivacyCenter;

/// <summary>
/// The signed-in data subject's privacy center: the categories of data the application keeps, a download of their
/// data, consent toggles with the notice text and version, requests for erasure or rectification, and the status of
/// their requests. The subject always comes from the user's claims (<see cref="SubjectClaims"/>): no URL or form names
/// a subject, and a request id of another subject gets the same 404 as an unknown one.
/// </summary>
internal static class PrivacyCenterPages
{
    public const string SiteName = "Privacy center";
    public const string Purpose = "subject-rights";

    private const string SubjectActor = "subject";
    private const string VerifierActor = "verifier";
    private const string CenterActor = "privacy-center";

    private static readonly (string, string)[] Navigation = [("/", "My privacy")];

    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("/", Task<IResult> (HttpContext http) => HomeAsync(http, prefix, null, null));
        group.MapPost("/download", Task<IResult> (HttpContext http) => DownloadAsync(http, prefix));
        group.MapPost("/consents", Task<IResult> (HttpContext http) => ConsentAsync(http, prefix));
        group.MapPost("/erasure", Task<IResult> (HttpContext http) => EraseAsync(http, prefix));
        group.MapPost("/rectification", Task<IResult> (HttpContext http) => RectifyAsync(http, prefix));
        group.MapGet("/requests/{id}", (HttpContext http, string id) => RequestAsync(http, prefix, id));
    }

    private static IResult Render(PageContext page, string title, Html body, int status = StatusCodes.Status200OK)
        => PageLayout.Render(page, SiteName, title, Navigation, body, status);

    /// <summary>The subject, or the page to answer with instead (a challenge for anonymous users, 403 for a signed-in
    /// user who is no data subject, such as a staff account).</summary>
    private static bool TryGetSubject(HttpContext http, string prefix, out SubjectId subject, out IResult? failure)
    {
        if (SubjectClaims.TryGetSubject(http, out subject, out failure))
        {
            return true;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            var page = PageContext.Create(http, prefix);
            failure = Render(page, "No personal data", new Html().Raw("<p>You are signed in with an account that is not a customer account, so there is no personal data to show here.</p>"), StatusCodes.Status403Forbidden);
        }

        return false;
    }

    private static async Task<IResult> HomeAsync(HttpContext http, string prefix, string? notice, string? error)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        var page = PageContext.Create(http, prefix);
        var services = http.RequestServices;
        var model = services.GetService<PersonalDataModel>();
        var html = new Html().Alert(error, true).Alert(notice, false);

        // Categories: what the model keeps about a subject, entity by entity.
        html.Raw("<section class=\"card\" aria-labelledby=\"held-heading\"><h2 id=\"held-heading\">The data we keep about you</h2><table><caption>Categories of personal data, by record</caption><thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Categories</th><th scope=\"col\">Kept for</th></tr></thead><tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.IsReachableBySubject && e.Fields.Count > 0) ?? [])
        {
            html.Raw("<tr>").Element("td", entity.Name).Element("td", string.Join(", ", entity.Fields.Select(static f => f.Category.ToString()).Distinct()))
                .Element("td", entity.Retention is { } r ? $"{r.Days} days from {r.From}" + (r.LegalRequirement is null ? "" : $" ({r.LegalRequirement})") : "until you ask us to erase it").Raw("</tr>");
        }

        html.Raw("</tbody></table>").Form(page, page.Url("/download"), "inline", "Download my data")
            .Button("Download my data").Raw("</form><p class=\"muted\">A ZIP file with your data as JSON and CSV and a signed manifest.</p></section>");

        // Consents.
        var consents = await services.GetRequiredService<IConsentService>().GetAsync(subject, http.RequestAborted).ConfigureAwait(false);
        var purposes = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes;
        html.Raw("<section class=\"card\" aria-labelledby=\"consent-heading\"><h2 id=\"consent-heading\">Your consents</h2>");
        foreach (var state in consents)
        {
            var purpose = purposes.FirstOrDefault(p => p.Name == state.Purpose);
            html.Raw("<h3>").Text(state.Purpose).Raw("</h3><p>").Text(purpose?.Description ?? "").Raw("</p>");
            if (state.LawfulBasis != LawfulBasis.Consent)
            {
                html.Raw("<p class=\"muted\">").Text($"Needed for: {state.LawfulBasis}. This does not rest on your consent.").Raw("</p>");
                continue;
            }

            html.Raw("<p>").Text($"Notice version {state.CurrentNoticeVersion ?? "—"}. Status: {StatusText(state.Status)}").Text(state.NoticeVersion is { } accepted && accepted != state.CurrentNoticeVersion ? $" (you agreed to version {accepted})." : ".").Raw("</p>");
            var granted = state.Status == ConsentStatus.Granted;
            html.Form(page, page.Url("/consents"), "inline", (granted ? "Withdraw consent for " : "Give consent for ") + state.Purpose)
                .Raw("<input type=\"hidden\" name=\"purpose\"").Attr("value", state.Purpose).Raw(">")
                .Raw("<input type=\"hidden\" name=\"notice\"").Attr("value", state.CurrentNoticeVersion).Raw(">")
                .Raw("<input type=\"hidden\" name=\"decision\"").Attr("value", granted ? "withdraw" : "grant").Raw(">")
                .Button(granted ? "Withdraw consent" : "Give consent", granted ? "button-secondary" : "button").Raw("</form>");
        }

        html.Raw("</section>");

        // Requests.
        html.Raw("<section class=\"card\" aria-labelledby=\"erase-heading\"><h2 id=\"erase-heading\">Erase my data</h2><p>We erase what the law lets us erase and tell you what we must keep, and why.</p>")
            .Form(page, page.Url("/erasure"), "stack", "Request erasure")
            .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"erase-confirm\" name=\"confirm\" value=\"yes\" required><label for=\"erase-confirm\">I want my personal data erased</label></div>")
            .Button("Request erasure", "button-danger").Raw("</form></section>");

        if (services.GetService<ISubjectRectifier>() is not null && model is not null)
        {
            var fields = model.Entities.Where(static e => e.SubjectProperty is not null)
                .SelectMany(static e => e.Fields.Where(static f => f.ClrType == typeof(string)).Select(f => ($"{e.Name}.{f.Name}", $"{e.Name}: {f.Name}")))
                .ToList();
            if (fields.Count > 0)
            {
                html.Raw("<section class=\"card\" aria-labelledby=\"rectify-heading\"><h2 id=\"rectify-heading\">Correct my data</h2>").Form(page, page.Url("/rectification"), "stack", "Request a correction")
                    .Select("rectify-field", "field", "What is wrong", fields)
                    .Input("rectify-value", "value", "The correct value", required: true, extra: "maxlength=\"500\" autocomplete=\"off\"")
                    .Button("Request correction").Raw("</form></section>");
            }
        }

        var mine = await services.GetRequiredService<ISubjectRequestService>().GetForSubjectAsync(subject, http.RequestAborted).ConfigureAwait(false);
        html.Raw("<section class=\"card\" aria-labelledby=\"requests-heading\"><h2 id=\"requests-heading\">My requests</h2><table><caption>Your requests, newest first</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Received</th><th scope=\"col\">Status</th><th scope=\"col\">Answer due</th></tr></thead><tbody>");
        foreach (var r in mine)
        {
            html.Raw("<tr><td><a").Attr("href", page.Url("/requests/" + r.Id.ToString("D"))).Raw(">").Text(KindText(r.Kind)).Raw("</a></td><td>").Time(r.ReceivedAt)
                .Raw("</td>").Element("td", ConsoleRequestPages.StatusText(r.Status)).Raw("<td>").Time(r.IsOpen ? r.DueAt : null).Raw("</td></tr>");
        }

        if (mine.Count == 0)
        {
            html.Raw("<tr><td colspan=\"4\">You have made no requests.</td></tr>");
        }

        html.Raw("</tbody></table></section>");
        return Render(page, "My privacy", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> RequestAsync(HttpContext http, string prefix, string id)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        var page = PageContext.Create(http, prefix);
        var request = Guid.TryParse(id, out var requestId)
            ? await http.RequestServices.GetRequiredService<ISubjectRequestService>().FindAsync(requestId, http.RequestAborted).ConfigureAwait(false)
            : null;
        if (request is null || request.SubjectId != subject)
        {
            // Another subject's request is answered exactly as an unknown one.
            return Render(page, "Request not found", new Html().Raw("<p>You have no request with this id.</p><p><a").Attr("href", page.Url("/")).Raw(">Back to my privacy</a></p>"), StatusCodes.Status404NotFound);
        }

        var html = new Html().Raw("<dl class=\"facts\"><dt>Request</dt><dd>").Text(KindText(request.Kind)).Raw("</dd><dt>Status</dt><dd>").Text(ConsoleRequestPages.StatusText(request.Status))
            .Raw("</dd><dt>Received</dt><dd>").Time(request.ReceivedAt).Raw("</dd>");
        if (request.IsOpen)
        {
            html.Raw("<dt>Answer due</dt><dd>").Time(request.DueAt).Raw("</dd>");
        }
        else
        {
            html.Raw("<dt>Closed</dt><dd>").Time(request.ClosedAt).Raw("</dd>");
        }

        if (request.History.LastOrDefault(static c => c.Action == SubjectRequestAction.DeadlineExtended) is { } extension)
        {
            html.Raw("<dt>Deadline extended because</dt><dd>").Text(extension.Reason).Raw("</dd>");
        }

        if (request.RejectionReason is { } reason)
        {
            html.Raw("<dt>Refused because</dt><dd>").Text(reason).Raw("</dd>");
        }

        html.Raw("</dl><p><a").Attr("href", page.Url("/")).Raw(">Back to my privacy</a></p>");
        return Render(page, KindText(request.Kind), html);
    }

    private static async Task<IResult> ConsentAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var purposeName = form["purpose"].ToString();
        var purpose = http.RequestServices.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes.FirstOrDefault(p => p.Name == purposeName);
        if (purpose is not { RequiresConsent: true })
        {
            return await HomeAsync(http, prefix, null, "That purpose does not take consent.").ConfigureAwait(false);
        }

        var consents = http.RequestServices.GetRequiredService<IConsentService>();
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        if (form["decision"] == "grant")
        {
            // The subject agreed to the notice shown on the page; if it changed meanwhile, show the new one first.
            if (!string.Equals(form["notice"], purpose.NoticeVersion ?? "", StringComparison.Ordinal))
            {
                return await HomeAsync(http, prefix, null, "The notice changed since the page was shown: read the new version and choose again.").ConfigureAwait(false);
            }

            await consents.GrantAsync(subject, purpose.Name, new ConsentDetails { Source = ConsentSources.WebForm, NoticeVersion = purpose.NoticeVersion, Actor = SubjectActor }, http.RequestAborted).ConfigureAwait(false);
            return await HomeAsync(http, prefix, $"Thank you: your consent for {purpose.Name} is recorded.", null).ConfigureAwait(false);
        }

        await consents.WithdrawAsync(subject, purpose.Name, new ConsentDetails { Source = ConsentSources.WebForm, Actor = SubjectActor }, http.RequestAborted).ConfigureAwait(false);
        return await HomeAsync(http, prefix, $"Your consent for {purpose.Name} is withdrawn.", null).ConfigureAwait(false);
    }

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
            return await HomeAsync(http, prefix, problem.Value.Error ? null : problem.Value.Text, problem.Value.Error ? problem.Value.Text : null).ConfigureAwait(false);
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
            await requests.RejectAsync(request!, $"Failed ({ex.GetType().Name}): the download could not be made; ask again.", CenterActor, CancellationToken.None).ConfigureAwait(false);
            if (!response.HasStarted)
            {
                response.Headers.ContentDisposition = default;
                return await HomeAsync(http, prefix, null, "Your download could not be made. Please try again later.").ConfigureAwait(false);
            }

            http.Abort();
        }

        return Results.Empty;
    }

    private static async Task<IResult> EraseAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(form["confirm"], "yes", StringComparison.Ordinal))
        {
            return await HomeAsync(http, prefix, null, "Tick the box to confirm that you want your data erased.").ConfigureAwait(false);
        }

        // The request goes to the privacy team, who review what must be kept before they execute it.
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var (_, problem) = await OpenAsync(http, subject, SubjectRequestKind.Erasure, startWork: false).ConfigureAwait(false);
        return problem is { Error: true } p
            ? await HomeAsync(http, prefix, null, p.Text).ConfigureAwait(false)
            : await HomeAsync(http, prefix, problem?.Text ?? "Your erasure request is recorded. We will answer by the date shown under My requests.", null).ConfigureAwait(false);
    }

    private static async Task<IResult> RectifyAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var field = form["field"].ToString().Split('.', 2);
        var value = form["value"].ToString();
        var model = http.RequestServices.GetService<PersonalDataModel>();
        if (field.Length != 2 || value.Length is 0 or > 500 || model is null)
        {
            return await HomeAsync(http, prefix, null, "Choose what is wrong and give the correct value.").ConfigureAwait(false);
        }

        var rectification = new RectificationRequest { Entity = field[0], Property = field[1], Value = value };
        if (SubjectAmendments.FindRectifiable(model, rectification) is null)
        {
            return await HomeAsync(http, prefix, null, "That cannot be corrected here.").ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var (request, problem) = await OpenAsync(http, subject, SubjectRequestKind.Rectification, startWork: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HomeAsync(http, prefix, problem.Value.Error ? null : problem.Value.Text, problem.Value.Error ? problem.Value.Text : null).ConfigureAwait(false);
        }

        var requests = http.RequestServices.GetRequiredService<ISubjectRequestService>();
        try
        {
            await http.RequestServices.GetRequiredService<ISubjectRightsService>().RectifyAsync(subject, rectification, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DataGuardException ex)
        {
            // The rectifier's refusal is written for the subject (ISubjectRectifier's contract).
            await requests.RejectAsync(request!, ex.Message.Length <= 500 ? ex.Message : "The correction was refused.", CenterActor, CancellationToken.None).ConfigureAwait(false);
            return await HomeAsync(http, prefix, null, "The correction was refused: " + ex.Message).ConfigureAwait(false);
        }

        await requests.CompleteAsync(request!, CenterActor, http.RequestAborted).ConfigureAwait(false);
        return await HomeAsync(http, prefix, "Your data is corrected.", null).ConfigureAwait(false);
    }

    /// <summary>Records a request of the subject and takes it through identity verification (the registered
    /// <see cref="ISubjectVerifier"/>) and, when <paramref name="startWork"/>, into progress. Returns the request, or the
    /// message to show when verification is pending or refused it.</summary>
    private static async Task<(SubjectRequest? Request, (string Text, bool Error)? Problem)> OpenAsync(HttpContext http, SubjectId subject, SubjectRequestKind kind, bool startWork)
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

    private static string KindText(SubjectRequestKind kind) => kind switch
    {
        SubjectRequestKind.Access => "Copy of my data",
        SubjectRequestKind.Portability => "My data to take elsewhere",
        SubjectRequestKind.Erasure => "Erasure",
        SubjectRequestKind.Rectification => "Correction",
        SubjectRequestKind.Restriction => "Restriction",
        _ => kind.ToString(),
    };

    private static string StatusText(ConsentStatus status) => status switch
    {
        ConsentStatus.Granted => "you agreed",
        ConsentStatus.Absent => "not given",
        ConsentStatus.Withdrawn => "withdrawn",
        ConsentStatus.Expired => "expired",
        ConsentStatus.OutdatedNotice => "the notice changed: please choose again",
        ConsentStatus.Restricted => "processing restricted",
        ConsentStatus.Objected => "you objected",
        _ => status.ToString(),
    };
}
