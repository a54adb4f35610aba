using DataGuard.AspNetCore.Console;
using DataGuard.AspNetCore.Pages;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.PrivacyCenter;

/// <summary>
/// The signed-in data subject's privacy center: the categories of data the application keeps, a download of their
/// data, consent toggles with the notice text and version, requests for erasure or rectification, and the status of
/// their requests. The subject always comes from the user's claims (<see cref="SubjectClaims"/>): no URL or form names
/// a subject, and a request id of another subject gets the same 404 as an unknown one.
/// </summary>
internal static partial class PrivacyCenterPages
{
    public const string SiteName = "Privacy center";
    public const string Purpose = "subject-rights";

    private const string SubjectActor = "subject";
    private const string VerifierActor = "verifier";
    private const string CenterActor = "privacy-center";

    private static readonly (string, string)[] Navigation = [("/", "My privacy")];

    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("/", Task<IResult> (HttpContext http) => HomeAsync(http, prefix, null, null));
        group.MapPost("/download", Task<IResult> (HttpContext http) => DownloadAsync(http, prefix));
        group.MapPost("/consents", Task<IResult> (HttpContext http) => ConsentAsync(http, prefix));
        group.MapPost("/erasure", Task<IResult> (HttpContext http) => EraseAsync(http, prefix));
        group.MapPost("/rectification", Task<IResult> (HttpContext http) => RectifyAsync(http, prefix));
        group.MapGet("/requests/{id}", (HttpContext http, string id) => RequestAsync(http, prefix, id));
    }

    private static IResult Render(PageContext page, string title, Html body, int status = StatusCodes.Status200OK)
        => PageLayout.Render(page, SiteName, title, Navigation, body, status);

    /// <summary>The subject, or the page to answer with instead (a challenge for anonymous users, 403 for a signed-in
    /// user who is no data subject, such as a staff account).</summary>
    private static bool TryGetSubject(HttpContext http, string prefix, out SubjectId subject, out IResult? failure)
    {
        if (SubjectClaims.TryGetSubject(http, out subject, out failure))
        {
            return true;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            var page = PageContext.Create(http, prefix);
            failure = Render(page, "No personal data", new Html().Raw("<p>You are signed in with an account that is not a customer account, so there is no " +
                "personal data to show here.</p>"), StatusCodes.Status403Forbidden);
        }

        return false;
    }

    private static async Task<IResult> RequestAsync(HttpContext http, string prefix, string id)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        var page = PageContext.Create(http, prefix);
        var request = Guid.TryParse(id, out var requestId)
            ? await http.RequestServices.GetRequiredService<ISubjectRequestService>().FindAsync(requestId, http.RequestAborted).ConfigureAwait(false)
            : null;
        if (request is null || request.SubjectId != subject)
        {
            // Another subject's request is answered exactly as an unknown one.
            return Render(
                page,
                "Request not found",
                new Html().Raw("<p>You have no request with this id.</p><p><a").Attr("href", page.Url("/")).Raw(">Back to my privacy</a></p>"),
                StatusCodes.Status404NotFound);
        }

        var html = new Html().Raw("<dl class=\"facts\"><dt>Request</dt><dd>")
            .Text(KindText(request.Kind))
            .Raw("</dd><dt>Status</dt><dd>")
            .Text(ConsoleRequestPages.StatusText(request.Status))
            .Raw("</dd><dt>Received</dt><dd>").Time(request.ReceivedAt).Raw("</dd>");
        if (request.IsOpen)
        {
            html.Raw("<dt>Answer due</dt><dd>").Time(request.DueAt).Raw("</dd>");
        }
        else
        {
            html.Raw("<dt>Closed</dt><dd>").Time(request.ClosedAt).Raw("</dd>");
        }

        if (request.History.LastOrDefault(static c => c.Action == SubjectRequestAction.DeadlineExtended) is { } extension)
        {
            html.Raw("<dt>Deadline extended because</dt><dd>").Text(extension.Reason).Raw("</dd>");
        }

        if (request.RejectionReason is { } reason)
        {
            html.Raw("<dt>Refused because</dt><dd>").Text(reason).Raw("</dd>");
        }

        html.Raw("</dl><p><a").Attr("href", page.Url("/")).Raw(">Back to my privacy</a></p>");
        return Render(page, KindText(request.Kind), html);
    }

    private static string KindText(SubjectRequestKind kind) => kind switch
    {
        SubjectRequestKind.Access => "Copy of my data",
        SubjectRequestKind.Portability => "My data to take elsewhere",
        SubjectRequestKind.Erasure => "Erasure",
        SubjectRequestKind.Rectification => "Correction",
        SubjectRequestKind.Restriction => "Restriction",
        _ => kind.ToString(),
    };

    private static string StatusText(ConsentStatus status) => status switch
    {
        ConsentStatus.Granted => "you agreed",
        ConsentStatus.Absent => "not given",
        ConsentStatus.Withdrawn => "withdrawn",
        ConsentStatus.Expired => "expired",
        ConsentStatus.OutdatedNotice => "the notice changed: please choose again",
        ConsentStatus.Restricted => "processing restricted",
        ConsentStatus.Objected => "you objected",
        _ => status.ToString(),
    };
}
