using DataGuard.AspNetCore.Pages;
using DataGuard.Audit;
using DataGuard.Consent;
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
internal static partial class ConsoleRetentionPages
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
                .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"run-confirm\" name=\"confirm\" value=\"yes\" required>" +
                    "<label for=\"run-confirm\">Delete and anonymise what is due</label></div>")
                .Button("Run now", "button-danger").Raw("</form>");
        }

        await RenderRunAsync(html, page, area, report).ConfigureAwait(false);

        await RenderHoldsAsync(html, page, model).ConfigureAwait(false);
        return ConsoleArea.Render(page, "Retention", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static void RenderPolicies(Html html, PersonalDataModel? model)
    {
        html.Raw("<h2>Policies</h2><table><caption>Retention declared on entities</caption><thead><tr><th scope=\"col\">Entity</th>" +
            "<th scope=\"col\">Kept for</th><th scope=\"col\">From</th><th scope=\"col\">Then</th><th scope=\"col\">Legal requirement</th></tr></thead>" +
            "<tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.Retention is not null) ?? [])
        {
            var r = entity.Retention!;
            html.Raw("<tr>")
                .Element("td", entity.Name)
                .Element("td", $"{r.Days} days")
                .Element("td", r.From)
                .Element("td", r.Then.ToString())
                .Element("td", r.LegalRequirement ?? "—")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static async Task RenderRunAsync(Html html, PageContext page, ConsoleArea area, RetentionReport? preview)
    {
        var runner = area.Retention;
        if (runner.IsRunning && runner.Started is { } started)
        {
            var progress = await runner.ReadProgressAsync(page.Http.RequestServices.GetService<IAuditStore>(), page.Http.RequestAborted).ConfigureAwait(false);
            html.Raw("<section class=\"card\" aria-labelledby=\"run-heading\"><h2 id=\"run-heading\">Retention run in progress</h2><p role=\"status\">")
                .Text($"A retention run started by {started.Actor} is going on (since ")
                .Time(started.At)
                .Text("). Reload the page to follow it.")
                .Raw("</p><ul>");
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
            .Raw("<table><caption>")
            .Text(report.DryRun ? "Dry run, nothing changed" : "Rows changed")
            .Raw("</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Due</th><th scope=\"col\">Deleted</th><th scope=\"col\">Anonymised</th>" +
                "<th scope=\"col\">Shredded</th><th scope=\"col\">Held</th><th scope=\"col\">Errors</th></tr></thead><tbody>");
        foreach (var e in report.Entities)
        {
            html.Raw("<tr>").Element("td", e.Entity).Raw("<td>").Number(e.Due).Raw("</td><td>").Number(e.Purged).Raw("</td><td>").Number(e.Anonymized)
                .Raw("</td><td>")
                .Number(e.Shredded)
                .Raw("</td><td>")
                .Number(e.Held)
                .Raw("</td>")
                .Element("td", e.Skipped ? "skipped: another instance holds the lease" : string.Join("; ", e.Errors))
                .Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static async Task<IResult> RunAsync(HttpContext http, ConsoleArea area, bool dryRun)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
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
                details: $"due {report.Due}, deleted {report.Purged}, anonymised {report.Anonymized}, shredded {report.Shredded}, " +
                    $"held {report.Held}").ConfigureAwait(false);
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
}
