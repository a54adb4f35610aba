using DataGuard.AspNetCore.Pages;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// One mapped privacy console: its options, where it is mounted, and the state its pages share (erasure reports ready
/// to download, the re-encryption and retention jobs, the last chain verification). Every action runs inside an audit scope whose actor
/// is the signed-in officer and whose purpose is the area's, and records a console event of its own.
/// </summary>
internal sealed class ConsoleArea(string prefix, PrivacyConsoleOptions options)
{
    public const string SiteName = "Privacy console";

    /// <summary>Audit purposes of the console's areas.</summary>
    public const string RequestsPurpose = "dsar-handling";
    public const string AuditPurpose = "audit-review";
    public const string ConsentPurpose = "consent-review";
    public const string RetentionPurpose = "retention-management";
    public const string KeysPurpose = "key-management";

    private static readonly (string, string)[] Navigation =
    [
        ("/requests", "Requests"),
        ("/audit", "Audit"),
        ("/consent", "Consent"),
        ("/retention", "Retention"),
        ("/keys", "Keys"),
        ("/data-map", "Data map"),
    ];

    public string Prefix { get; } = prefix;

    public PrivacyConsoleOptions Options { get; } = options;

    public ErasureReportArchive ErasureReports { get; } = new();

    public ReencryptionRunner Reencryption { get; } = new();

    public RetentionRunner Retention { get; } = new();

    public ChainStatus Chain { get; } = new();

    /// <summary>The page context, with what the user may do here.</summary>
    public async Task<PageContext> PageAsync(HttpContext http)
    {
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var canOperate = (await authorization.AuthorizeAsync(http.User, Options.OperatorPolicy).ConfigureAwait(false)).Succeeded;
        var canReveal = Options.RevealPolicy is { } reveal && (await authorization.AuthorizeAsync(http.User, reveal).ConfigureAwait(false)).Succeeded;
        return PageContext.Create(http, Prefix, canOperate, canReveal);
    }

    public static IResult Render(PageContext page, string title, Html body, int statusCode = StatusCodes.Status200OK)
        => PageLayout.Render(page, SiteName, title, Navigation, body, statusCode);

    /// <summary>Checks the form's antiforgery token; false when it is missing or wrong.</summary>
    public static async Task<bool> IsValidFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return false;
        }

        return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false);
    }

    /// <summary>The posted form, or <see langword="null"/> when the request is not a form or its antiforgery token is not
    /// valid (<see cref="IsValidFormAsync"/>).</summary>
    public static async Task<IFormCollection?> ReadValidFormAsync(HttpContext http)
        => await IsValidFormAsync(http).ConfigureAwait(false)
            ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false)
            : null;

    /// <summary>The answer to a form without a valid antiforgery token.</summary>
    public static IResult BadForm()
        => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest, title: "The form is invalid or expired", detail: "Reload the page and submit the form again.");

    /// <summary>Who acts, for the audit trail: the officer's configured claim, else their name.</summary>
    public static string Actor(HttpContext http)
        => SubjectClaims.FindActor(http.User, http.RequestServices.GetRequiredService<IOptions<SubjectClaimOptions>>().Value, http.RequestServices)
           ?? http.User.Identity?.Name
           ?? "unknown";

    /// <summary>Opens the audit scope of an action: every entry written inside names the officer and the purpose.</summary>
    public static IDisposable BeginAudit(HttpContext http, string purpose)
        => http.RequestServices.GetRequiredService<IAuditContext>().Begin(Actor(http), purpose, http.TraceIdentifier);

    /// <summary>Records the console action itself (ids, counts and reasons only; never a personal value).</summary>
    public static ValueTask RecordAsync(
        HttpContext http,
        string action,
        string purpose,
        SubjectId? subject = null,
        string? details = null,
        string? entityType = null)
        => http.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(
            new AuditEvent(action) { SubjectId = subject, Purpose = purpose, Details = details, EntityType = entityType },
            http.RequestAborted);

    /// <summary>A subject id typed by an officer, in the model's spelling; false when it cannot be one.</summary>
    public static bool TryReadSubject(HttpContext http, string? text, out SubjectId subject)
    {
        subject = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > SubjectId.MaxLength)
        {
            return false;
        }

        text = text.Trim();
        if (!ModelSubjects.CanBeSubject(http.RequestServices, text))
        {
            return false;
        }

        var canonicalizer = http.RequestServices.GetService<SubjectIdCanonicalizer>() ?? SubjectIdCanonicalizer.AsGiven;
        return canonicalizer.TryCanonicalize(text, out subject);
    }

    /// <summary>A 303 to a page of the console, after an action (post/redirect/get).</summary>
    public Microsoft.AspNetCore.Http.IResult SeeOther(HttpContext http, string relative)
    {
        http.Response.Headers.Location = http.Request.PathBase.Add(Prefix).Value!.TrimEnd('/') + relative;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
