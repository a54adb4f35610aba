using DataGuard.AspNetCore.Console;
using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.PrivacyCenter;

/// <summary>The privacy center's home page: the data kept, consents, erasure and correction, and the subject's requests.</summary>
internal static partial class PrivacyCenterPages
{
    private static async Task<IResult> HomeAsync(HttpContext http, string prefix, string? notice, string? error)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        var page = PageContext.Create(http, prefix);
        var model = http.RequestServices.GetService<PersonalDataModel>();
        var html = new Html().Alert(error, true).Alert(notice, false);
        RenderHeld(html, page, model);
        await RenderConsentsAsync(html, page, subject).ConfigureAwait(false);
        RenderErasureAndCorrection(html, page, model);
        await RenderRequestsAsync(html, page, subject).ConfigureAwait(false);
        return Render(page, "My privacy", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static void RenderHeld(Html html, PageContext page, PersonalDataModel? model)
    {
        html.Raw("<section class=\"card\" aria-labelledby=\"held-heading\"><h2 id=\"held-heading\">The data we keep about you</h2><table>" +
            "<caption>Categories of personal data, by record</caption><thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Categories</th>" +
            "<th scope=\"col\">Kept for</th></tr></thead><tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.IsReachableBySubject && e.Fields.Count > 0) ?? [])
        {
            html.Raw("<tr>").Element("td", entity.Name).Element("td", string.Join(", ", entity.Fields.Select(static f => f.Category.ToString()).Distinct()))
                .Element(
                    "td",
                    entity.Retention is { } r
                        ? $"{r.Days} days from {r.From}" + (r.LegalRequirement is null ? "" : $" ({r.LegalRequirement})")
                        : "until you ask us to erase it").Raw("</tr>");
        }

        html.Raw("</tbody></table>").Form(page, page.Url("/download"), "inline", "Download my data")
            .Button("Download my data").Raw("</form><p class=\"muted\">A ZIP file with your data as JSON and CSV and a signed manifest.</p></section>");
    }

    private static async Task RenderConsentsAsync(Html html, PageContext page, SubjectId subject)
    {
        var services = page.Http.RequestServices;
        var consents = await services.GetRequiredService<IConsentService>().GetAsync(subject, page.Http.RequestAborted).ConfigureAwait(false);
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

            html.Raw("<p>")
                .Text($"Notice version {state.CurrentNoticeVersion ?? "—"}. Status: {StatusText(state.Status)}")
                .Text(state.NoticeVersion is { } accepted && accepted != state.CurrentNoticeVersion ? $" (you agreed to version {accepted})." : ".")
                .Raw("</p>");
            var granted = state.Status == ConsentStatus.Granted;
            html.Form(page, page.Url("/consents"), "inline", (granted ? "Withdraw consent for " : "Give consent for ") + state.Purpose)
                .Raw("<input type=\"hidden\" name=\"purpose\"").Attr("value", state.Purpose).Raw(">")
                .Raw("<input type=\"hidden\" name=\"notice\"").Attr("value", state.CurrentNoticeVersion).Raw(">")
                .Raw("<input type=\"hidden\" name=\"decision\"").Attr("value", granted ? "withdraw" : "grant").Raw(">")
                .Button(granted ? "Withdraw consent" : "Give consent", granted ? "button-secondary" : "button").Raw("</form>");
        }

        html.Raw("</section>");
    }

    private static void RenderErasureAndCorrection(Html html, PageContext page, PersonalDataModel? model)
    {
        html.Raw("<section class=\"card\" aria-labelledby=\"erase-heading\"><h2 id=\"erase-heading\">Erase my data</h2>" +
            "<p>We erase what the law lets us erase and tell you what we must keep, and why.</p>")
            .Form(page, page.Url("/erasure"), "stack", "Request erasure")
            .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"erase-confirm\" name=\"confirm\" value=\"yes\" required>" +
                "<label for=\"erase-confirm\">I want my personal data erased</label></div>")
            .Button("Request erasure", "button-danger").Raw("</form></section>");

        if (page.Http.RequestServices.GetService<ISubjectRectifier>() is not null && model is not null)
        {
            var fields = model.Entities.Where(static e => e.SubjectProperty is not null)
                .SelectMany(static e => e.Fields.Where(static f => f.ClrType == typeof(string)).Select(f => ($"{e.Name}.{f.Name}", $"{e.Name}: {f.Name}")))
                .ToList();
            if (fields.Count > 0)
            {
                html.Raw("<section class=\"card\" aria-labelledby=\"rectify-heading\"><h2 id=\"rectify-heading\">Correct my data</h2>")
                    .Form(page, page.Url("/rectification"), "stack", "Request a correction")
                    .Select("rectify-field", "field", "What is wrong", fields)
                    .Input("rectify-value", "value", "The correct value", extra: "required maxlength=\"500\" autocomplete=\"off\"")
                    .Button("Request correction").Raw("</form></section>");
            }
        }
    }

    private static async Task RenderRequestsAsync(Html html, PageContext page, SubjectId subject)
    {
        var mine = await page.Http.RequestServices.GetRequiredService<ISubjectRequestService>()
            .GetForSubjectAsync(subject, page.Http.RequestAborted).ConfigureAwait(false);
        html.Raw("<section class=\"card\" aria-labelledby=\"requests-heading\"><h2 id=\"requests-heading\">My requests</h2><table>" +
            "<caption>Your requests, newest first</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Received</th>" +
            "<th scope=\"col\">Status</th><th scope=\"col\">Answer due</th></tr></thead><tbody>");
        foreach (var r in mine)
        {
            html.Raw("<tr><td><a")
                .Attr("href", page.Url("/requests/" + r.Id.ToString("D")))
                .Raw(">")
                .Text(KindText(r.Kind))
                .Raw("</a></td><td>")
                .Time(r.ReceivedAt)
                .Raw("</td>").Element("td", ConsoleRequestPages.StatusText(r.Status)).Raw("<td>").Time(r.IsOpen ? r.DueAt : null).Raw("</td></tr>");
        }

        if (mine.Count == 0)
        {
            html.Raw("<tr><td colspan=\"4\">You have made no requests.</td></tr>");
        }

        html.Raw("</tbody></table></section>");
    }
}
