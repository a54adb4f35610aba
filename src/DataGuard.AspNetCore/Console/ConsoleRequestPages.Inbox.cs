using System.Globalization;
using DataGuard.AspNetCore.Pages;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>The Requests area's inbox: open requests, most urgent first, with their deadline countdown.</summary>
internal static partial class ConsoleRequestPages
{
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

        RenderRecordForm(html, page);
        return ConsoleArea.Render(page, "Requests", html);
    }

    private static void RenderRecordForm(Html html, PageContext page)
    {
        if (!page.CanOperate)
        {
            return;
        }

        html.Raw("<section class=\"card\"><h2>Record a request</h2><p class=\"muted\">For a request received by e-mail, letter or phone.</p>")
            .Form(page, page.Url("/requests/new"), "inline", "Record a request")
            .Input("new-subject", "subject", "Subject id", extra: "required autocomplete=\"off\"")
            .Select("new-kind", "kind", "Kind", Enum.GetValues<SubjectRequestKind>().Select(v => (v.ToString(), v.ToString())))
            .Button("Record").Raw("</form></section>");
    }
}
