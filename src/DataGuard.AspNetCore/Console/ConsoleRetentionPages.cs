using DataGuard.Audit;
using DataGuard.AspNetCore.Pages;
using DataGuard.Model;
using DataGuard.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Retention area: the declared policies, a dry-run preview of what a run would delete, anonymise, shred and keep
/// (held rows counted), a real run, and legal holds placed on a subject or an entity type and released, each with a
/// reason that goes on the audit trail with the officer as actor.
/// </summary>
internal static class ConsoleRetentionPages
{
    private const string Purpose = ConsoleArea.RetentionPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        var op = area.Options.OperatorPolicy;
        group.MapGet("/retention", Task<IResult> (HttpContext http) => ShowAsync(http, area, null, null));
        group.MapPost("/retention/preview", Task<IResult> (HttpContext http) => RunAsync(http, area, dryRun: true));
        group.MapPost("/retention/run", Task<IResult> (HttpContext http) => RunAsync(http, area, dryRun: false)).RequireAuthorization(op);
        group.MapPost("/retention/holds", Task<IResult> (HttpContext http) => PlaceAsync(http, area)).RequireAuthorization(op);
        group.MapPost("/retention/holds/{id:guid}/release", (HttpContext http, Guid id) => ReleaseAsync(http, area, id)).RequireAuthorization(op);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ConsoleArea area, RetentionReport? report, string? error, string? notice = null)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var services = http.RequestServices;
        var html = new Html().Alert(error, true).Alert(notice, false);
        var model = services.GetService<PersonalDataModel>();

        RenderPolicies(html, model);
        html.Form(page, page.Url("/retention/preview"), "inline", "Preview a retention run").Button("Preview (dry run)", "button-secondary").Raw("</form> ");
        if (page.CanOperate)
        {
            html.Form(page, page.Url("/retention/run"), "inline", "Run retention now")
                .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"run-confirm\" name=\"confirm\" value=\"yes\" required><label for=\"run-confirm\">Delete and anonymise what is due</label></div>")
                .Button("Run now", "button-danger").Raw("</form>");
        }

        await RenderRunAsync(html, page, area, report).ConfigureAwait(false);

        await RenderHoldsAsync(html, page, model).ConfigureAwait(false);
        return ConsoleArea.Render(page, "Retention", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static void RenderPolicies(Html html, PersonalDataModel? model)
    {
        html.Raw("<h2>Policies</h2><table><caption>Retention declared on entities</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Kept for</th><th scope=\"col\">From</th><th scope=\"col\">Then</th><th scope=\"col\">Legal requirement</th></tr></thead><tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.Retention is not null) ?? [])
        {
            var r = entity.Retention!;
            html.Raw("<tr>").Element("td", entity.Name).Element("td", $"{r.Days} days").Element("td", r.From).Element("td", r.Then.ToString()).Element("td", r.LegalRequirement ?? "—").Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static async Task RenderHoldsAsync(Html html, PageContext page, PersonalDataModel? model)
    {
        var holds = page.Http.RequestServices.GetService<ILegalHoldService>() is { } holdService ? await holdService.GetActiveAsync(page.Http.RequestAborted).ConfigureAwait(false) : [];
        html.Raw("<h2>Legal holds</h2><table><caption>Active holds: held rows are never purged</caption><thead><tr><th scope=\"col\">On</th><th scope=\"col\">Reason</th><th scope=\"col\">Placed by</th><th scope=\"col\">Placed</th>")
            .Raw(page.CanOperate ? "<th scope=\"col\">Release</th>" : "").Raw("</tr></thead><tbody>");
        foreach (var hold in holds)
        {
            html.Raw("<tr>").Element("td", hold.Subject is { } s ? "Subject " + page.Subject(s.Value) : "Entity type " + hold.EntityType)
                .Element("td", hold.Reason).Element("td", hold.PlacedBy).Raw("<td>").Time(hold.PlacedAt).Raw("</td>");
            if (page.CanOperate)
            {
                var id = "release-" + hold.Id.ToString("N");
                html.Raw("<td>").Form(page, page.Url("/retention/holds/" + hold.Id.ToString("D") + "/release"), "inline", "Release hold")
                    .Input(id, "reason", "Reason for release", extra: "required maxlength=\"500\"").Button("Release", "button-secondary").Raw("</form></td>");
            }

            html.Raw("</tr>");
        }

        if (holds.Count == 0)
        {
            html.Raw("<tr><td colspan=\"5\">No active holds.</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (page.CanOperate)
        {
            html.Raw("<section class=\"card\"><h2>Place a hold</h2>").Form(page, page.Url("/retention/holds"), "stack", "Place a legal hold")
                .Input("hold-subject", "subject", "Subject id (leave empty to hold an entity type)", extra: "autocomplete=\"off\"")
                .Select("hold-entity", "entity", "or entity type", new[] { ("", "—") }.Concat(model?.Entities.Select(static e => (e.Name, e.Name)) ?? []))
                .Input("hold-reason", "reason", "Reason (case reference; no personal data)", extra: "required maxlength=\"500\"")
                .Button("Place hold").Raw("</form></section>");
        }
    }

    private static async Task RenderRunAsync(Html html, PageContext page, ConsoleArea area, RetentionReport? preview)
    {
        var runner = area.Retention;
        if (runner.IsRunning && runner.Started is { } started)
        {
            var progress = await runner.ReadProgressAsync(page.Http.RequestServices.GetService<IAuditStore>(), page.Http.RequestAborted).ConfigureAwait(false);
            html.Raw("<section class=\"card\" aria-labelledby=\"run-heading\"><h2 id=\"run-heading\">Retention run in progress</h2><p role=\"status\">")
                .Text($"A retention run started by {started.Actor} is going on (since ").Time(started.At).Text("). Reload the page to follow it.").Raw("</p><ul>");
            foreach (var p in progress)
            {
                html.Raw("<li>").Text($"{p.Entity}: {p.Rows} rows {p.Change} in {p.Batches} {(p.Batches == 1 ? "batch" : "batches")} so far").Raw("</li>");
            }

            html.Raw(progress.Count == 0 ? "<li>No batch committed yet.</li></ul></section>" : "</ul></section>");
        }
        else if (runner.LastFailure is { } failure)
        {
            html.Alert($"The last run failed ({failure}); the batches it committed stay done. Run it again to finish.", true);
        }

        if (preview is not null)
        {
            RenderReport(html, preview);
        }
        else if (!runner.IsRunning && runner.LastReport is { } last)
        {
            RenderReport(html, last);
        }
    }

    private static void RenderReport(Html html, RetentionReport report)
    {
        html.Raw("<h2>").Text(report.DryRun ? "Preview: what a run would do now" : "Run completed").Raw("</h2>")
            .Raw("<table><caption>").Text(report.DryRun ? "Dry run, nothing changed" : "Rows changed").Raw("</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Due</th><th scope=\"col\">Deleted</th><th scope=\"col\">Anonymised</th><th scope=\"col\">Shredded</th><th scope=\"col\">Held</th><th scope=\"col\">Errors</th></tr></thead><tbody>");
        foreach (var e in report.Entities)
        {
            html.Raw("<tr>").Element("td", e.Entity).Raw("<td>").Number(e.Due).Raw("</td><td>").Number(e.Purged).Raw("</td><td>").Number(e.Anonymized)
                .Raw("</td><td>").Number(e.Shredded).Raw("</td><td>").Number(e.Held).Raw("</td>").Element("td", e.Skipped ? "skipped: another instance holds the lease" : string.Join("; ", e.Errors)).Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static async Task<IResult> RunAsync(HttpContext http, ConsoleArea area, bool dryRun)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!dryRun && !string.Equals(form["confirm"], "yes", StringComparison.Ordinal))
        {
            return await ShowAsync(http, area, null, "Confirm the run first.").ConfigureAwait(false);
        }

        if (http.RequestServices.GetService<IRetentionService>() is not { } retention)
        {
            return await ShowAsync(http, area, null, "No retention service is registered (UseEntityFrameworkStores).").ConfigureAwait(false);
        }

        if (!dryRun)
        {
            return await StartRunAsync(http, area).ConfigureAwait(false);
        }

        RetentionReport report;
        using (ConsoleArea.BeginAudit(http, Purpose))
        {
            report = await retention.RunAsync(dryRun: true, http.RequestAborted).ConfigureAwait(false);
            await ConsoleArea.RecordAsync(http, "console.retention.previewed", Purpose,
                details: $"due {report.Due}, deleted {report.Purged}, anonymised {report.Anonymized}, shredded {report.Shredded}, held {report.Held}").ConfigureAwait(false);
        }

        return await ShowAsync(http, area, report, null).ConfigureAwait(false);
    }

    /// <summary>A real run goes on in the background; the page shows its progress on every reload.</summary>
    private static async Task<IResult> StartRunAsync(HttpContext http, ConsoleArea area)
    {
        var services = http.RequestServices;
        var from = services.GetService<IAuditStore>() is IAuditChainStatusReader reader
            ? (await reader.ReadChainStateAsync(http.RequestAborted).ConfigureAwait(false)).HeadSequence
            : 0;
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!area.Retention.TryStart(services.GetRequiredService<IServiceScopeFactory>(), ConsoleArea.Actor(http), now, from))
        {
            return await ShowAsync(http, area, null, "A retention run is already going on.").ConfigureAwait(false);
        }

        await ConsoleArea.RecordAsync(http, "console.retention.started", Purpose, details: "retention run started").ConfigureAwait(false);
        return area.SeeOther(http, "/retention");
    }

    private static async Task<IResult> PlaceAsync(HttpContext http, ConsoleArea area)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var reason = form["reason"].ToString().Trim();
        var subjectText = form["subject"].ToString().Trim();
        var entity = form["entity"].ToString().Trim();
        if (reason.Length is 0 or > 500)
        {
            return await ShowAsync(http, area, null, "Give a reason of 1 to 500 characters.").ConfigureAwait(false);
        }

        var holds = http.RequestServices.GetRequiredService<ILegalHoldService>();
        var actor = ConsoleArea.Actor(http);
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        LegalHold hold;
        if (subjectText.Length > 0)
        {
            if (!ConsoleArea.TryReadSubject(http, subjectText, out var subject))
            {
                return await ShowAsync(http, area, null, "That is not a subject id of this application.").ConfigureAwait(false);
            }

            hold = await holds.PlaceOnSubjectAsync(subject, reason, actor, http.RequestAborted).ConfigureAwait(false);
            await ConsoleArea.RecordAsync(http, "console.hold.placed", Purpose, subject, $"hold {hold.Id:D} placed on a subject: {reason}").ConfigureAwait(false);
        }
        else if (http.RequestServices.GetService<PersonalDataModel>()?.Entities.Any(e => e.Name == entity) == true)
        {
            hold = await holds.PlaceOnEntityTypeAsync(entity, reason, actor, http.RequestAborted).ConfigureAwait(false);
            await ConsoleArea.RecordAsync(http, "console.hold.placed", Purpose, details: $"hold {hold.Id:D} placed: {reason}", entityType: entity).ConfigureAwait(false);
        }
        else
        {
            return await ShowAsync(http, area, null, "Name a subject id or choose an entity type.").ConfigureAwait(false);
        }

        return area.SeeOther(http, "/retention");
    }

    private static async Task<IResult> ReleaseAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var reason = form["reason"].ToString().Trim();
        if (reason.Length is 0 or > 500)
        {
            return await ShowAsync(http, area, null, "Give a reason of 1 to 500 characters for the release.").ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var released = await http.RequestServices.GetRequiredService<ILegalHoldService>().ReleaseAsync(id, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        if (!released)
        {
            return await ShowAsync(http, area, null, "No active hold has this id.").ConfigureAwait(false);
        }

        await ConsoleArea.RecordAsync(http, "console.hold.released", Purpose, details: $"hold {id:D} released: {reason}").ConfigureAwait(false);
        return area.SeeOther(http, "/retention");
    }
}
