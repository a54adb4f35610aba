using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Consent area: the declared purposes with their notices, and one subject's ledger (current state per purpose and
/// the full history that proves it, GDPR Art. 7(1)). The subject is named in a POSTed form, never in the URL, and
/// reading a ledger is recorded on the audit trail.
/// </summary>
internal static class ConsoleConsentPages
{
    private const string Purpose = ConsoleArea.ConsentPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        group.MapGet("/consent", Task<IResult> (HttpContext http) => ShowAsync(http, area, null));
        group.MapPost("/consent", async Task<IResult> (HttpContext http) =>
        {
            if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
            {
                return ConsoleArea.BadForm();
            }
            return await ShowAsync(http, area, form["subject"].ToString()).ConfigureAwait(false);
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ConsoleArea area, string? subjectText)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var services = http.RequestServices;
        var purposes = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes;
        var html = new Html();
        html.Raw("<h2>Purposes</h2><table><caption>Declared purposes of processing</caption><thead><tr><th scope=\"col\">Purpose</th>" +
            "<th scope=\"col\">Lawful basis</th><th scope=\"col\">Notice</th><th scope=\"col\">Description</th></tr></thead><tbody>");
        foreach (var p in purposes)
        {
            html.Raw("<tr>").Element("td", p.Name).Element("td", p.LawfulBasis.ToString()).Element("td", p.NoticeVersion ?? "—")
                .Element("td", p.Description ?? "").Raw("</tr>");
        }

        html.Raw("</tbody></table>");
        await RenderStatisticsAsync(html, http, purposes).ConfigureAwait(false);
        html.Raw("<h2>A subject's ledger</h2>").Form(page, page.Url("/consent"), "inline", "Show a subject's consent ledger")
            .Input("ledger-subject", "subject", "Subject id", extra: "required autocomplete=\"off\"").Button("Show ledger").Raw("</form>");

        var status = StatusCodes.Status200OK;
        if (subjectText is not null)
        {
            if (!ConsoleArea.TryReadSubject(http, subjectText, out var subject))
            {
                html.Alert("That is not a subject id of this application.", true);
                status = StatusCodes.Status400BadRequest;
            }
            else
            {
                var consents = services.GetRequiredService<IConsentService>();
                using var audit = ConsoleArea.BeginAudit(http, Purpose);
                var states = await consents.GetAsync(subject, http.RequestAborted).ConfigureAwait(false);
                var history = await consents.GetHistoryAsync(subject, null, http.RequestAborted).ConfigureAwait(false);
                await ConsoleArea.RecordAsync(http, "console.consent.ledger-viewed", Purpose, subject, "consent ledger read").ConfigureAwait(false);

                RenderLedger(html, page, subject, states, history);
            }
        }

        return ConsoleArea.Render(page, "Consent", html, status);
    }

    private static void RenderLedger(
        Html html, PageContext page, SubjectId subject, IReadOnlyList<ConsentState> states, IReadOnlyList<ConsentRecord> history)
    {
        html.Raw("<table><caption>Current state for subject ").Text(page.Subject(subject.Value))
            .Raw("</caption><thead><tr><th scope=\"col\">Purpose</th><th scope=\"col\">Status</th><th scope=\"col\">Notice accepted</th>" +
                "<th scope=\"col\">Current notice</th><th scope=\"col\">Granted</th><th scope=\"col\">Expires</th></tr></thead><tbody>");
        foreach (var s in states)
        {
            html.Raw("<tr>").Element("td", s.Purpose).Element("td", s.Status.ToString()).Element("td", s.NoticeVersion ?? "—")
                .Element("td", s.CurrentNoticeVersion ?? "—")
                .Raw("<td>").Time(s.GrantedAt).Raw("</td><td>").Time(s.ExpiresAt).Raw("</td></tr>");
        }

        html.Raw("</tbody></table><table><caption>History, oldest first</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Purpose</th>" +
            "<th scope=\"col\">Record</th><th scope=\"col\">Notice</th><th scope=\"col\">Source</th><th scope=\"col\">By</th></tr></thead><tbody>");
        foreach (var r in history)
        {
            html.Raw("<tr><td>").Time(r.RecordedAt).Raw("</td>").Element("td", r.Purpose).Element("td", r.Kind.ToString())
                .Element("td", r.NoticeVersion ?? "—")
                .Element("td", r.Source ?? "—").Element("td", r.Actor == subject.Value ? page.Subject(r.Actor) : r.Actor ?? "—").Raw("</tr>");
        }

        if (history.Count == 0)
        {
            html.Raw("<tr><td colspan=\"6\">No consent records.</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    /// <summary>Per purpose that takes consent, how many subjects' consent was in force, withdrawn and expired at the
    /// end of each of the last twelve months.</summary>
    private static async Task RenderStatisticsAsync(Html html, HttpContext http, PurposeCollection purposes)
    {
        var consentPurposes = purposes.Where(static p => p.RequiresConsent).ToList();
        if (consentPurposes.Count == 0)
        {
            return;
        }

        html.Raw("<h2>Consent over time</h2>");
        if (http.RequestServices.GetService<IConsentStore>() is not IConsentRecordScan scan)
        {
            html.Raw("<p>The consent store cannot list records across subjects, so no statistics are shown.</p>");
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        html.Raw("<p class=\"muted\">Subjects by the latest record before each month's end; the current month shows today's state.</p>");
        foreach (var purpose in consentPurposes)
        {
            var statistics = new ConsentStatistics(now, months: 12);
            await statistics.AddAsync(scan.ScanAsync(purpose.Name, http.RequestAborted), http.RequestAborted).ConfigureAwait(false);
            html.Raw("<table><caption>").Text($"Consent for {purpose.Name}, by month (state at the end of each month)")
                .Raw("</caption><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">In force</th><th scope=\"col\">Withdrawn or objected</th>" +
                    "<th scope=\"col\">Expired</th></tr></thead><tbody>");
            foreach (var month in statistics.Months())
            {
                html.Raw("<tr><th scope=\"row\">").Text(month.Month).Raw("</th><td>").Number(month.InForce).Raw("</td><td>").Number(month.Withdrawn)
                    .Raw("</td><td>").Number(month.Expired).Raw("</td></tr>");
            }

            html.Raw("</tbody></table>");
        }
    }
}
