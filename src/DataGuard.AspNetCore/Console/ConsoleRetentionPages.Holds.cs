using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Retention;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Console;

/// <summary>Legal holds on the Retention page: the active holds, placing one on a subject or an entity type, and
/// releasing one, each with a reason that goes on the audit trail with the officer as actor.</summary>
internal static partial class ConsoleRetentionPages
{
    private static async Task RenderHoldsAsync(Html html, PageContext page, PersonalDataModel? model)
    {
        var holds = page.Http.RequestServices.GetService<ILegalHoldService>() is { } holdService
            ? await holdService.GetActiveAsync(page.Http.RequestAborted).ConfigureAwait(false)
            : [];
        html.Raw("<h2>Legal holds</h2><table><caption>Active holds: held rows are never purged</caption><thead><tr><th scope=\"col\">On</th>" +
            "<th scope=\"col\">Reason</th><th scope=\"col\">Placed by</th><th scope=\"col\">Placed</th>")
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

    private static async Task<IResult> PlaceAsync(HttpContext http, ConsoleArea area)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
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
            await ConsoleArea.RecordAsync(
                http, "console.hold.placed", Purpose, subject, $"hold {hold.Id:D} placed on a subject: {reason}").ConfigureAwait(false);
        }
        else if (http.RequestServices.GetService<PersonalDataModel>()?.Entities.Any(e => e.Name == entity) == true)
        {
            hold = await holds.PlaceOnEntityTypeAsync(entity, reason, actor, http.RequestAborted).ConfigureAwait(false);
            await ConsoleArea.RecordAsync(
                http, "console.hold.placed", Purpose, details: $"hold {hold.Id:D} placed: {reason}", entityType: entity).ConfigureAwait(false);
        }
        else
        {
            return await ShowAsync(http, area, null, "Name a subject id or choose an entity type.").ConfigureAwait(false);
        }

        return area.SeeOther(http, "/retention");
    }

    private static async Task<IResult> ReleaseAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        var reason = form["reason"].ToString().Trim();
        if (reason.Length is 0 or > 500)
        {
            return await ShowAsync(http, area, null, "Give a reason of 1 to 500 characters for the release.").ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var released = await http.RequestServices.GetRequiredService<ILegalHoldService>()
            .ReleaseAsync(id, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        if (!released)
        {
            return await ShowAsync(http, area, null, "No active hold has this id.").ConfigureAwait(false);
        }

        await ConsoleArea.RecordAsync(http, "console.hold.released", Purpose, details: $"hold {id:D} released: {reason}").ConfigureAwait(false);
        return area.SeeOther(http, "/retention");
    }
}
