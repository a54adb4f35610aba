using System.Globalization;
using DataGuard.AspNetCore.Pages;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Audit area: entries filtered by subject, entity, actor, action and time, read with the store's keyset paging
/// (the cursor is the last sequence number seen, so every page costs the same however large the table grows), and the
/// chain's status with "verify now". Filters travel in POSTed forms, so a subject id never lands in a URL or a log.
/// </summary>
internal static class ConsoleAuditPages
{
    private const string Purpose = ConsoleArea.AuditPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        group.MapGet("/audit", Task<IResult> (HttpContext http) => ListAsync(http, area, null));
        group.MapPost("/audit", async Task<IResult> (HttpContext http) =>
        {
            if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
            {
                return ConsoleArea.BadForm();
            }

            return await ListAsync(http, area, form).ConfigureAwait(false);
        });
        group.MapPost("/audit/verify", Task<IResult> (HttpContext http) => VerifyAsync(http, area));
    }

    private static async Task<IResult> ListAsync(HttpContext http, ConsoleArea area, IFormCollection? form)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var html = new Html();
        await RenderChainAsync(html, page, area).ConfigureAwait(false);

        var filter = Filter.Read(form);
        SubjectId? subject = null;
        string? error = null;
        if (filter.Subject is { Length: > 0 })
        {
            if (ConsoleArea.TryReadSubject(http, filter.Subject, out var s))
            {
                subject = s;
            }
            else
            {
                error = "That is not a subject id of this application.";
            }
        }

        RenderFilterForm(html, page, filter, error);
        if (error is null)
        {
            await RenderEntriesAsync(html, page, area, filter, subject).ConfigureAwait(false);
        }

        return ConsoleArea.Render(page, "Audit trail", html);
    }

    private static void RenderFilterForm(Html html, PageContext page, Filter filter, string? error)
    {
        html.Raw("<h2>Entries</h2>").Alert(error, true)
            .Form(page, page.Url("/audit"), "inline", "Filter audit entries");
        html.Input("audit-subject", "subject", "Subject id", value: filter.Subject, extra: "autocomplete=\"off\"")
            .Input("audit-entity", "entity", "Entity type", value: filter.Entity)
            .Input("audit-actor", "actor", "Actor", value: filter.Actor)
            .Input("audit-action", "action", "Action", value: filter.Action)
            .Input("audit-from", "from", "From (UTC)", "datetime-local", filter.From?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture))
            .Input(
                "audit-until", "until", "Until (UTC)", "datetime-local", filter.Until?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture))
            .Button("Search").Raw("</form>");
    }

    private static async Task RenderEntriesAsync(Html html, PageContext page, ConsoleArea area, Filter filter, SubjectId? subject)
    {
        var http = page.Http;
        var query = new AuditQuery
        {
            SubjectId = subject,
            EntityType = filter.Entity,
            Actor = filter.Actor,
            Action = filter.Action,
            From = filter.From,
            Until = filter.Until,
            AfterSequence = filter.After,
            PageSize = Math.Clamp(area.Options.PageSize, 1, AuditQuery.MaxPageSize),
        };
        var store = http.RequestServices.GetService<IAuditStore>();
        if (store is null)
        {
            html.Raw("<p>Auditing is not configured: call <code>AddAuditing()</code> on the DataGuard builder.</p>");
        }
        else
        {
            AuditPage result;
            using (ConsoleArea.BeginAudit(http, Purpose))
            {
                result = await store.QueryAsync(query, http.RequestAborted).ConfigureAwait(false);
                if (subject is { } searched)
                {
                    await ConsoleArea.RecordAsync(http, "console.audit.searched", Purpose, searched, "audit entries of a subject read").ConfigureAwait(false);
                }
            }

            RenderEntries(html, page, result, filter.After);
            if (result.NextAfterSequence is { } next)
            {
                html.Form(page, page.Url("/audit"), "inline", "Next page of audit entries");
                Hidden(html, "subject", filter.Subject);
                HiddenFilter(html, filter, next);
                html.Button("Next page", "button-secondary").Raw("</form>");
            }
        }
    }

    private static async Task RenderChainAsync(Html html, PageContext page, ConsoleArea area)
    {
        html.Raw("<section class=\"card\" aria-labelledby=\"chain-heading\"><h2 id=\"chain-heading\">Chain status</h2>");
        if (page.Http.RequestServices.GetService<IAuditStore>() is IAuditChainStatusReader reader)
        {
            var state = await reader.ReadChainStateAsync(page.Http.RequestAborted).ConfigureAwait(false);
            var certificate = page.Http.RequestServices.GetService<IOptions<AuditOptions>>()?.Value.CheckpointCertificate;
            html.Raw("<p>The chain holds entries up to sequence ").Number(state.HeadSequence).Raw(".</p>");
            AuditCheckpointStatus.Render(html, state, certificate);
        }

        if (area.Chain.Last is { } last)
        {
            html.Raw(last.Report.IsIntact ? "<p class=\"alert alert-ok\" role=\"status\">" : "<p class=\"alert alert-error\" role=\"alert\">")
                .Text(last.Report.ToString()).Raw("</p><p class=\"muted\">Verified ").Time(last.At).Text(" by " + last.Actor)
                .Text(last.Report.VerifiedFrom > 0 ? $", from the checkpoint at sequence {last.Report.VerifiedFrom}." : ", from the start of the chain.")
                .Raw("</p>");
        }
        else
        {
            html.Raw("<p>Not verified since this server started.</p>");
        }

        html.Form(page, page.Url("/audit/verify"), "inline", "Verify the audit chain").Button("Verify now").Raw("</form></section>");
    }

    private static void RenderEntries(Html html, PageContext page, AuditPage result, long after)
    {
        html.Raw("<table><caption>").Text(after == 0 ? "Entries, oldest first" : $"Entries after sequence {after}")
            .Raw("</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When</th><th scope=\"col\">Action</th><th scope=\"col\">Actor</th>" +
                "<th scope=\"col\">Subject</th><th scope=\"col\">Entity</th><th scope=\"col\">Purpose</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        foreach (var e in result.Entries)
        {
            html.Raw("<tr><td>").Number(e.Sequence).Raw("</td><td>").Time(e.Timestamp).Raw("</td>").Element("td", e.Action)
                .Element("td", e.Actor is not null && e.Actor == e.SubjectId ? page.Subject(e.Actor) : e.Actor ?? "—")
                .Element("td", page.Subject(e.SubjectId))
                .Element("td", e.EntityType is null ? "—" : e.EntityKey is null ? e.EntityType : $"{e.EntityType} {e.EntityKey}")
                .Element("td", e.Purpose ?? "—").Element("td", e.Details ?? (e.Properties is { Count: > 0 } props ? string.Join(", ", props) : ""))
                .Raw("</tr>");
        }

        if (result.Entries.Count == 0)
        {
            html.Raw("<tr><td colspan=\"8\">No entries match.</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, ConsoleArea area)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        if (http.RequestServices.GetService<IAuditVerifier>() is { } verifier)
        {
            using var audit = ConsoleArea.BeginAudit(http, Purpose);
            var report = await verifier.VerifyAsync(http.RequestAborted).ConfigureAwait(false);
            area.Chain.Set(report, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), ConsoleArea.Actor(http));
            await ConsoleArea.RecordAsync(http, "console.audit.verified", Purpose,
                details: report.IsIntact ? $"chain intact, {report.EntriesVerified} entries"
                    : $"chain broken at sequence {report.FirstBrokenSequence}").ConfigureAwait(false);
        }

        return area.SeeOther(http, "/audit");
    }

    private static Html Hidden(Html html, string name, string? value)
        => value is { Length: > 0 } ? html.Raw("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Raw(">") : html;

    private static void HiddenFilter(Html html, Filter filter, long next)
    {
        Hidden(html, "entity", filter.Entity);
        Hidden(html, "actor", filter.Actor);
        Hidden(html, "action", filter.Action);
        Hidden(html, "from", filter.From?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        Hidden(html, "until", filter.Until?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        Hidden(html, "after", next.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The search as posted.</summary>
    private sealed class Filter
    {
        public string? Subject { get; private init; }

        public string? Entity { get; private init; }

        public string? Actor { get; private init; }

        public string? Action { get; private init; }

        public DateTimeOffset? From { get; private init; }

        public DateTimeOffset? Until { get; private init; }

        public long After { get; private init; }

        public static Filter Read(IFormCollection? form)
        {
            if (form is null)
            {
                return new Filter();
            }

            return new Filter
            {
                Subject = Text(form["subject"]),
                Entity = Text(form["entity"]),
                Actor = Text(form["actor"]),
                Action = Text(form["action"]),
                From = Time(form["from"]),
                Until = Time(form["until"]),
                After = long.TryParse(form["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : 0,
            };
        }

        private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];

        private static DateTimeOffset? Time(string? value)
            => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? new DateTimeOffset(time, TimeSpan.Zero)
                : null;
    }
}
