using DataGuard.AspNetCore.Pages;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
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
        var filter = InboxFilter.Read(http.Request.Query);
        var pageSize = Math.Clamp(area.Options.PageSize, 1, 1000);

        // Keyset paging: the page after the last request seen, in deadline order, so a request closed or received
        // meanwhile neither skips nor repeats a row, and every page costs the same however large the table grows.
        var queue = StoreOpenRequests.For(services.GetRequiredService<ISubjectRequestStore>());
        var dueBefore = filter.Due switch { "overdue" => now, "soon" => now + area.Options.DueSoonWithin, _ => (DateTimeOffset?)null };
        var rows = await queue.GetOpenPageAsync(
            new OpenRequestQuery(filter.Kind, dueBefore, filter.After, pageSize + 1), http.RequestAborted).ConfigureAwait(false);
        var open = await queue.CountOpenAsync(null, http.RequestAborted).ConfigureAwait(false);
        var overdue = await queue.CountOpenAsync(now, http.RequestAborted).ConfigureAwait(false);

        var html = new Html();
        html.Raw("<p class=\"muted\">").Text($"Requests must be answered within {Countdown.Span(sla.ResponseTime)} of receipt " +
            $"(SubjectRequestOptions.ResponseTime); a deadline can be extended once by up to {Countdown.Span(sla.MaxExtension)}.").Raw("</p>");
        html.Raw("<p>").Number(open).Text(" open, ").Raw("<strong>").Number(overdue).Text(" overdue").Raw("</strong>.</p>");
        html.Raw("<form method=\"get\" class=\"inline\" aria-label=\"Filter requests\">")
            .Select(
                "kind",
                "kind",
                "Kind",
                new[] { ("", "Any kind") }.Concat(Enum.GetValues<SubjectRequestKind>().Select(v => (v.ToString(), v.ToString()))),
                filter.Kind?.ToString() ?? "")
            .Select("due", "due", "Deadline", [("all", "Any deadline"), ("soon", "Due soon or overdue"), ("overdue", "Overdue")], filter.Due)
            .Button("Filter", "button-secondary").Raw("</form>");

        RenderInboxRows(html, page, area, rows.Take(pageSize), now);
        RenderInboxPaging(html, page, filter, rows.Count > pageSize ? rows[pageSize - 1].Cursor : null);
        RenderRecordForm(html, page);
        return ConsoleArea.Render(page, "Requests", html);
    }

    private static void RenderInboxRows(Html html, PageContext page, ConsoleArea area, IEnumerable<OpenRequest> rows, DateTimeOffset now)
    {
        html.Raw("<table><caption>Open requests, most urgent first</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Kind</th>" +
            "<th scope=\"col\">Subject</th><th scope=\"col\">Status</th><th scope=\"col\">Received</th><th scope=\"col\">Due</th>" +
            "<th scope=\"col\">Deadline</th></tr></thead><tbody>");
        var any = false;
        foreach (var r in rows)
        {
            any = true;
            var (text, css) = Countdown.Describe(r.DueAt, now, area.Options.DueSoonWithin, open: true);
            html.Raw(r.IsOverdue(now) ? "<tr class=\"overdue\">" : "<tr>")
                .Raw("<td><a").Attr("href", page.Url("/requests/" + r.Id.ToString("D"))).Raw(">").Text(ShortId(r.Id)).Raw("</a></td>")
                .Element("td", r.Kind.ToString()).Element("td", page.Subject(r.SubjectId.Value)).Element("td", StatusText(r.Status))
                .Raw("<td>").Time(r.ReceivedAt).Raw("</td><td>").Time(r.DueAt).Raw("</td><td>").Element("span", text, css).Raw("</td></tr>");
        }

        if (!any)
        {
            html.Raw("<tr><td colspan=\"7\">No open requests match.</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void RenderInboxPaging(Html html, PageContext page, InboxFilter filter, OpenRequestCursor? next)
    {
        var query = $"/requests?kind={filter.Kind}&due={filter.Due}";
        if (filter.After is not null)
        {
            html.Raw("<p><a").Attr("href", page.Url(query)).Raw(">First page</a></p>");
        }

        if (next is { } cursor)
        {
            html.Raw("<p><a").Attr("href", page.Url(query + "&after=" + InboxFilter.Format(cursor))).Raw(">Next page</a></p>");
        }
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
