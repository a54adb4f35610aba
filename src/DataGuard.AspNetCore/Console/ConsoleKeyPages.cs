using System.Globalization;
using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Keys area: the key ring (never key material) with how many stored values use each key, rotation, re-encryption
/// progress as the share of values already on the active key, a background re-encryption run, and a guarded retire:
/// only a decrypt-only key that no value uses, confirmed by typing its id (the key manager checks again).
/// </summary>
internal static class ConsoleKeyPages
{
    private const string Purpose = ConsoleArea.KeysPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        var op = area.Options.OperatorPolicy;
        group.MapGet("/keys", Task<IResult> (HttpContext http) => ShowAsync(http, area, null));
        group.MapPost("/keys/rotate", Task<IResult> (HttpContext http) => RotateAsync(http, area)).RequireAuthorization(op);
        group.MapPost("/keys/reencrypt", Task<IResult> (HttpContext http) => ReencryptAsync(http, area)).RequireAuthorization(op);
        group.MapPost("/keys/{id:int}/retire", (HttpContext http, int id) => RetireAsync(http, area, id)).RequireAuthorization(op);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ConsoleArea area, string? error)
    {
        var page = await area.PageAsync(http).ConfigureAwait(false);
        var keys = await http.RequestServices.GetRequiredService<IKeyManager>().ListAsync(http.RequestAborted).ConfigureAwait(false);
        var html = new Html().Alert(error, true);
        RenderReencryption(html, page, area, keys);
        RenderRing(html, page, keys);
        html.Raw("</tbody></table>");
        var subjectKeys = keys.Count(static k => k.Kind == DataKeyKind.Subject);
        if (subjectKeys > 0)
        {
            html.Raw("<p>")
                .Number(subjectKeys)
                .Text(" subject keys (crypto-shredding), ")
                .Number(keys.Count(static k => k.Kind == DataKeyKind.Subject && k.Status == DataKeyStatus.Shredded))
                .Text(" of them shredded.")
                .Raw("</p>");
        }

        return ConsoleArea.Render(page, "Keys", html, error is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    private static void RenderReencryption(Html html, PageContext page, ConsoleArea area, IReadOnlyList<KeyInfo> keys)
    {
        var dataKeys = keys.Where(static k => k.Kind == DataKeyKind.Data).ToList();
        var active = dataKeys.FirstOrDefault(static k => k.Status == DataKeyStatus.Active);
        var total = dataKeys.Sum(static k => k.ValueCount ?? 0);
        var onActive = active?.ValueCount ?? 0;

        html.Raw("<section class=\"card\" aria-labelledby=\"progress-heading\"><h2 id=\"progress-heading\">Re-encryption</h2>");
        if (dataKeys.Any(static k => k.ValueCount is null))
        {
            html.Raw("<p>The key store cannot count the values that use each key.</p>");
        }
        else
        {
            var percent = total == 0 ? 100 : (int)(onActive * 100 / total);
            html.Raw("<p id=\"reencryption-text\">")
                .Number(onActive)
                .Text(" of ")
                .Number(total)
                .Text($" encrypted values are on the active key ({percent}%).")
                .Raw("</p>")
                .Raw("<progress max=\"100\" aria-labelledby=\"progress-heading\"")
                .Attr("value", percent.ToString(CultureInfo.InvariantCulture))
                .Raw(">")
                .Number(percent)
                .Raw("%</progress>");
        }

        if (area.Reencryption.IsRunning)
        {
            var progress = area.Reencryption.Progress;
            html.Raw("<p role=\"status\">")
                .Text(progress is null ? "A re-encryption run is starting." : $"Running: {progress.RowsDone} rows of {progress.Entity} done so far.")
                .Raw(" Reload the page to follow it.</p>");
        }
        else if (area.Reencryption.LastReport is { } last)
        {
            html.Raw("<p class=\"muted\">Last run: ")
                .Text(string.Create(CultureInfo.InvariantCulture, $"{last.RowsByEntity.Values.Sum()} rows moved to key {last.ActiveKeyId} " +
                    $"in {last.Elapsed.TotalSeconds:0.0} s."))
                .Raw("</p>");
        }
        else if (area.Reencryption.LastFailure is { } failure)
        {
            html.Alert("The last run failed (" + failure + "); it is resumable: start it again.", true);
        }

        if (page.CanOperate)
        {
            html.Form(page, page.Url("/keys/reencrypt"), "inline", "Start re-encryption")
                .Button("Re-encrypt to the active key", "button-secondary")
                .Raw("</form> ")
                .Form(page, page.Url("/keys/rotate"), "inline", "Rotate the data key").Button("Rotate: new active key").Raw("</form>");
        }

        html.Raw("</section>");
    }

    private static void RenderRing(Html html, PageContext page, IReadOnlyList<KeyInfo> keys)
    {
        html.Raw("<table><caption>The key ring</caption><thead><tr><th scope=\"col\">Key</th><th scope=\"col\">Kind</th><th scope=\"col\">Status</th>" +
            "<th scope=\"col\">Created</th><th scope=\"col\">Changed</th><th scope=\"col\">Values using it</th>")
            .Raw(page.CanOperate ? "<th scope=\"col\">Retire</th>" : "").Raw("</tr></thead><tbody>");
        foreach (var key in keys.Where(static k => k.Kind != DataKeyKind.Subject))
        {
            html.Raw("<tr><td>").Number(key.Id).Raw("</td>").Element("td", key.Kind.ToString()).Element("td", key.Status.ToString())
                .Raw("<td>").Time(key.CreatedAt).Raw("</td><td>").Time(key.StatusChangedAt).Raw("</td>")
                .Element("td", key.ValueCount?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
            if (page.CanOperate)
            {
                html.Raw("<td>");
                if (key is { Kind: DataKeyKind.Data, Status: DataKeyStatus.DecryptOnly, ValueCount: 0 })
                {
                    var id = "retire-" + key.Id.ToString(CultureInfo.InvariantCulture);
                    html.Form(page, page.Url("/keys/" + key.Id.ToString(CultureInfo.InvariantCulture) + "/retire"), "inline", "Retire key")
                        .Input(id, "confirm", "Type the key id to confirm", "text", extra: "required inputmode=\"numeric\" autocomplete=\"off\"")
                        .Button("Retire", "button-danger").Raw("</form>");
                }
                else
                {
                    html.Text(key.Status == DataKeyStatus.DecryptOnly ? "in use: re-encrypt first" : "—");
                }

                html.Raw("</td>");
            }

            html.Raw("</tr>");
        }
    }

    private static async Task<IResult> RotateAsync(HttpContext http, ConsoleArea area)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var key = await http.RequestServices.GetRequiredService<IKeyManager>().RotateAsync(http.RequestAborted).ConfigureAwait(false);
        await ConsoleArea.RecordAsync(http, "console.key.rotated", Purpose, details: $"key {key.Id} is the new active key").ConfigureAwait(false);
        return area.SeeOther(http, "/keys");
    }

    private static async Task<IResult> ReencryptAsync(HttpContext http, ConsoleArea area)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        if (!area.Reencryption.TryStart(http.RequestServices.GetRequiredService<IServiceScopeFactory>(), ConsoleArea.Actor(http)))
        {
            return await ShowAsync(http, area, "A re-encryption run is already going.").ConfigureAwait(false);
        }

        await ConsoleArea.RecordAsync(http, "console.key.reencryption-started", Purpose, details: "re-encryption run started").ConfigureAwait(false);
        return area.SeeOther(http, "/keys");
    }

    private static async Task<IResult> RetireAsync(HttpContext http, ConsoleArea area, int id)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        if (!string.Equals(form["confirm"].ToString().Trim(), id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return await ShowAsync(http, area, $"Type {id} to confirm retiring key {id}.").ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        try
        {
            await http.RequestServices.GetRequiredService<IKeyManager>().RetireAsync(id, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DataGuardException ex)
        {
            var message = ex is KeyInUseException inUse
                ? $"Key {id} is still used by {inUse.ValueCount} values: re-encrypt first."
                : $"Key {id} cannot be retired ({ex.GetType().Name}).";
            return await ShowAsync(http, area, message).ConfigureAwait(false);
        }

        await ConsoleArea.RecordAsync(http, "console.key.retired", Purpose, details: $"key {id} retired").ConfigureAwait(false);
        return area.SeeOther(http, "/keys");
    }
}
