using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>The Data map area: the record of processing (GDPR Art. 30) as a page, and as JSON and Markdown downloads
/// rendered by <see cref="DataMap"/>, so the page and the files always agree.</summary>
internal static class ConsoleDataMapPages
{
    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        group.MapGet("/data-map", Task<IResult> (HttpContext http) => ShowAsync(http, area));
        group.MapGet("/data-map.json", IResult (HttpContext http) => Results.File(Create(http).ToJson(), "application/json; charset=utf-8", "data-map.json"));
        group.MapGet(
            "/data-map.md",
            IResult (HttpContext http) => Results.File(
                System.Text.Encoding.UTF8.GetBytes(Create(http).ToMarkdown()), "text/markdown; charset=utf-8", "data-map.md"));
    }

    private static DataMap Create(HttpContext http)
    {
        var model = http.RequestServices.GetService<PersonalDataModel>() ?? PersonalDataModel.FromTypes();
        return DataMap.Create(model, http.RequestServices.GetRequiredService<IOptions<DataGuardOptions>>().Value);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ConsoleArea area)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var map = Create(http);
        var html = new Html();
        html.Raw("<p>Download: <a")
            .Attr("href", page.Url("/data-map.json"))
            .Raw(" download>JSON</a> · <a")
            .Attr("href", page.Url("/data-map.md"))
            .Raw(" download>Markdown</a></p>");
        html.Raw("<h2>Purposes</h2><table><caption>Purposes of processing</caption><thead><tr><th scope=\"col\">Purpose</th>" +
            "<th scope=\"col\">Lawful basis</th><th scope=\"col\">Notice</th><th scope=\"col\">Consent required</th><th scope=\"col\">Description</th></tr>" +
            "</thead><tbody>");
        foreach (var p in map.Purposes)
        {
            html.Raw("<tr>")
                .Element("td", p.Name)
                .Element("td", p.LawfulBasis.ToString())
                .Element("td", p.NoticeVersion ?? "—")
                .Element("td", p.RequiresConsent ? "yes" : "no")
                .Element("td", p.Description ?? "")
                .Raw("</tr>");
        }

        html.Raw("</tbody></table><h2>Personal data</h2>");
        foreach (var e in map.Entities)
        {
            html.Raw("<section class=\"card\"><h3>")
                .Text(e.Name)
                .Raw("</h3><dl class=\"facts\"><dt>Stored in</dt><dd>")
                .Text(e.Store ?? "—")
                .Raw("</dd><dt>Data subject</dt><dd>")
                .Text(e.Subject ?? (e.SubjectPath is { } path ? "through " + path : e.Unreachable ? "none: personal data no subject reaches" : "none"))
                .Raw("</dd><dt>Retention</dt><dd>")
                .Text(e.Retention is { } r
                    ? $"{r.Days} days from {r.From}, then {r.Then}" + (r.LegalRequirement is null ? "" : $" (kept at least that long: {r.LegalRequirement})")
                    : "not declared").Raw("</dd></dl>");
            if (e.Fields.Count > 0)
            {
                html.Raw("<table><caption>").Text(e.Name + " fields").Raw("</caption><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Type</th>" +
                    "<th scope=\"col\">Category</th><th scope=\"col\">Encrypted</th><th scope=\"col\">Searchable</th><th scope=\"col\">Mask</th></tr></thead>" +
                    "<tbody>");
                foreach (var f in e.Fields)
                {
                    html.Raw("<tr>")
                        .Element("td", f.Name)
                        .Element("td", f.Type)
                        .Element("td", f.SpecialCategory ? $"{f.Category} (special)" : f.Category.ToString())
                        .Element("td", f.Encrypted ? "yes" : "no").Element("td", f.Searchable ? "yes" : "no").Element("td", f.Mask.ToString()).Raw("</tr>");
                }

                html.Raw("</tbody></table>");
            }

            html.Raw("</section>");
        }

        return ConsoleArea.Render(page, "Data map", html);
    }
}
