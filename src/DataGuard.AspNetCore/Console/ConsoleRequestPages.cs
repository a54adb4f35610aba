using System.Globalization;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The Requests area: the inbox of open data-subject requests with their deadline countdown, and a request's page where
/// an operator verifies the identity, approves (starts), extends or rejects it, fulfils an export (the signed package
/// downloads) or an erasure (a preview of what happens to each entity and why, then the execution, then the signed
/// report). Request pages are addressed by the request's random id, never by the subject's.
/// </summary>
internal static partial class ConsoleRequestPages
{
    private const string Purpose = ConsoleArea.RequestsPurpose;

    public static void Map(RouteGroupBuilder group, ConsoleArea area)
    {
        var op = area.Options.OperatorPolicy;
        group.MapGet("/requests", Task<IResult> (HttpContext http) => InboxAsync(http, area));
        group.MapPost("/requests/new", Task<IResult> (HttpContext http) => ReceiveAsync(http, area)).RequireAuthorization(op);
        group.MapGet("/requests/{id:guid}", (HttpContext http, Guid id) => DetailAsync(http, area, id, null, false));
        group.MapPost("/requests/{id:guid}/export", (HttpContext http, Guid id) => ExportAsync(http, area, id)).RequireAuthorization(op);
        group.MapPost("/requests/{id:guid}/erasure", (HttpContext http, Guid id) => EraseAsync(http, area, id)).RequireAuthorization(op);
        group.MapPost("/requests/{id:guid}/erasure-report", (HttpContext http, Guid id) => ReportAsync(http, area, id)).RequireAuthorization(op);
        // One route per step (no regex constraint: slim hosts do not register it).
        foreach (var action in (string[])["verify", "approve", "extend", "reject", "complete"])
        {
            group.MapPost("/requests/{id:guid}/" + action, (HttpContext http, Guid id) => ChangeAsync(http, area, id, action)).RequireAuthorization(op);
        }
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, ConsoleArea area)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        if (!ConsoleArea.TryReadSubject(http, form["subject"], out var subject)
            || !Enum.TryParse<SubjectRequestKind>(form["kind"], ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a subject id or request kind of this application");
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var request = await http.RequestServices.GetRequiredService<ISubjectRequestService>()
            .ReceiveAsync(subject, kind, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        await ConsoleArea.RecordAsync(http, "console.request.recorded", Purpose, subject, $"request {request.Id:D} ({kind}) recorded").ConfigureAwait(false);
        return area.SeeOther(http, "/requests/" + request.Id.ToString("D"));
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, ConsoleArea area, Guid id, string action)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        var requests = http.RequestServices.GetRequiredService<ISubjectRequestService>();
        var request = await requests.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return await DetailAsync(http, area, id, null, true).ConfigureAwait(false);
        }

        var actor = ConsoleArea.Actor(http);
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        try
        {
            var reason = form["reason"].ToString().Trim();
            var changed = action switch
            {
                "verify" => await requests.VerifyIdentityAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "approve" => await requests.StartAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "complete" => await requests.CompleteAsync(request, actor, http.RequestAborted).ConfigureAwait(false),
                "reject" => await requests.RejectAsync(request, reason, actor, http.RequestAborted).ConfigureAwait(false),
                "extend"
                    => await requests.ExtendDeadlineAsync(
                        request, TimeSpan.FromDays(ReadDays(form["days"])), reason, actor, http.RequestAborted).ConfigureAwait(false),
                _ => throw new InvalidOperationException("Unknown action."),
            };
            await ConsoleArea.RecordAsync(
                http, "console.request." + action, Purpose, request.SubjectId, $"request {request.Id:D}: {action}, now {changed.Status}").ConfigureAwait(false);
            return area.SeeOther(http, "/requests/" + id.ToString("D"));
        }
        catch (Exception ex) when (ex is SubjectRequestStateException or SubjectRequestConcurrencyException or ArgumentException)
        {
            Log(http, action, id, ex);
            return await DetailAsync(http, area, id, Explain(ex), true).ConfigureAwait(false);
        }
    }

    private static int ReadDays(string? text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : 0;

    private static string Explain(Exception ex) => ex switch
    {
        SubjectRequestConcurrencyException => "Someone else changed the request meanwhile. Check its state and try again.",
        SubjectRequestStateException => "The request's state does not allow this step any more.",
        ArgumentOutOfRangeException => "The extension must be at least one day and at most the allowed maximum.",
        _ => "Give a reason of 1 to 500 characters.",
    };

    private static void Log(HttpContext http, string action, Guid id, Exception ex)
        => ConsoleLog.ActionFailed(
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.PrivacyConsole"), action, id, ex.GetType().Name);

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    public static string StatusText(SubjectRequestStatus status) => status switch
    {
        SubjectRequestStatus.IdentityVerified => "Identity verified",
        SubjectRequestStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
