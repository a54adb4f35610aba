using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Pages;

/// <summary>What a page needs from the request: where its area is mounted, the antiforgery token for its forms, and
/// what the signed-in user may do there.</summary>
internal sealed class PageContext
{
    private PageContext(HttpContext http, string basePath, AntiforgeryTokenSet tokens)
    {
        Http = http;
        BasePath = basePath;
        AntiforgeryField = tokens.FormFieldName;
        AntiforgeryToken = tokens.RequestToken;
    }

    public HttpContext Http { get; }

    /// <summary>The path the area is mapped at, including the application's path base, without a trailing slash.</summary>
    public string BasePath { get; }

    public string AntiforgeryField { get; }

    public string? AntiforgeryToken { get; }

    /// <summary>Whether the user may change things (the operator policy passed).</summary>
    public bool CanOperate { get; init; }

    /// <summary>Whether the user may see personal values unmasked (the reveal policy passed).</summary>
    public bool CanReveal { get; init; }

    public static PageContext Create(HttpContext http, string prefix, bool canOperate = false, bool canReveal = false)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new PageContext(http, http.Request.PathBase.Add(prefix).Value!.TrimEnd('/'), tokens) { CanOperate = canOperate, CanReveal = canReveal };
    }

    /// <summary>An absolute path under the area.</summary>
    public string Url(string relative) => BasePath + relative;

    /// <summary>A subject id as the user may see it: whole with the reveal permission, else its first characters.</summary>
    public string Subject(string? subjectId) => Masking.SubjectText(subjectId, CanReveal);
}
