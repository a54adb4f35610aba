using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataGuard.AspNetCore.Pages;

/// <summary>Serves the pages' stylesheet, embedded in this assembly, so the pages need no static-file setup and no CDN.</summary>
internal static class PageAssets
{
    public const string StylesheetPath = "/assets/dataguard.css";

    private static readonly Lazy<byte[]> Stylesheet = new(static () =>
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("DataGuard.AspNetCore.Pages.dataguard.css")
                           ?? throw new InvalidOperationException("The embedded stylesheet DataGuard.AspNetCore.Pages.dataguard.css is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group)
        => group.MapGet(StylesheetPath, static (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        });
}
