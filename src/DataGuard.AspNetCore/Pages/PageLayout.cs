using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Pages;

/// <summary>The document around every page: language, title, the stylesheet served by the area, the navigation and the
/// main landmark. Pages are sent with a Content-Security-Policy that allows nothing but the area's own stylesheet and
/// forms, which they satisfy: no inline script or style.</summary>
internal static class PageLayout
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri " +
        "'none'";

    public static IResult Render(
        PageContext page,
        string siteName,
        string title,
        IReadOnlyList<(string Href, string Text)> navigation,
        Html body,
        int statusCode = StatusCodes.Status200OK)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>")
            .Text(title)
            .Text(" · ")
            .Text(siteName)
            .Raw("</title><link rel=\"stylesheet\"")
            .Attr("href", page.Url(PageAssets.StylesheetPath))
            .Raw("></head><body>")
            .Raw("<header class=\"site\"><p class=\"brand\">").Text(siteName).Raw("</p><nav").Attr("aria-label", siteName).Raw("><ul>");
        var current = page.Http.Request.PathBase.Add(page.Http.Request.Path).Value ?? "";
        foreach (var (href, text) in navigation)
        {
            var url = page.Url(href);
            html.Raw("<li><a").Attr("href", url);
            if (current.StartsWith(url, StringComparison.Ordinal))
            {
                html.Raw(" aria-current=\"page\"");
            }

            html.Raw(">").Text(text).Raw("</a></li>");
        }

        html.Raw("</ul></nav></header><main id=\"main\"><h1>").Text(title).Raw("</h1>").Raw(body.ToString()).Raw("</main></body></html>");
        return new HtmlResult(html.ToString(), statusCode);
    }

    /// <summary>Writes the page with the headers every DataGuard page carries.</summary>
    private sealed class HtmlResult(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
