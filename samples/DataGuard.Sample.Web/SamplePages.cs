using Microsoft.AspNetCore.Antiforgery;

namespace DataGuard.Sample.Web;

/// <summary>The sample's own pages: home, sign-in and access denied. Plain HTML with the console's stylesheet.</summary>
internal static class SamplePages
{
    public static IResult Home(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var body = http.User.Identity?.IsAuthenticated == true
            ? $"<p>Signed in as {ShopWebApp.Encode(http.User.Identity.Name ?? "")}.</p><ul><li><a href=\"/privacy\">My privacy (customers)</a></li>"
              + "<li><a href=\"/privacy-console\">Privacy console (officers)</a></li></ul>"
              + $"<form method=\"post\" action=\"/logout\">{Token(http, antiforgery)}"
              + "<button type=\"submit\" class=\"button-secondary\">Sign out</button></form>"
            : "<p><a href=\"/login\">Sign in</a></p>";
        return Page("DataGuard shop", body);
    }

    public static IResult Login(HttpContext http, IAntiforgery antiforgery, string? error)
    {
        var users = string.Join("", SampleUsers.All.Select(u => $"<li><code>{ShopWebApp.Encode(u.UserName)}</code> / "
            + $"<code>{ShopWebApp.Encode(u.Password)}</code>: {ShopWebApp.Encode(u.DisplayName)} ({ShopWebApp.Encode(u.Role)})</li>"));
        var body = (error is null ? "" : $"<p class=\"alert alert-error\" role=\"alert\">{ShopWebApp.Encode(error)}</p>")
                   + $"<form method=\"post\" action=\"/login\" class=\"stack\" aria-label=\"Sign in\">{Token(http, antiforgery)}"
                   + "<div class=\"field\"><label for=\"user\">User name</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required></div>"
                   + "<div class=\"field\"><label for=\"password\">Password</label>"
                   + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
                   + "<button type=\"submit\" class=\"button\">Sign in</button></form>"
                   + $"<h2>Sample accounts</h2><ul>{users}</ul>";
        return Page("Sign in", body, error is null ? 200 : 400);
    }

    public static IResult Denied(HttpContext http) => Page("Access denied", "<p>Your account may not open this page.</p><p><a href=\"/\">Home</a></p>", 403);

    private static string Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{ShopWebApp.Encode(tokens.FormFieldName)}\" value=\"{ShopWebApp.Encode(tokens.RequestToken ?? "")}\">";
    }

    private static IResult Page(string title, string body, int status = 200)
        => Results.Content(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{ShopWebApp.Encode(title)}</title>"
            + "<link rel=\"stylesheet\" href=\"/privacy/assets/dataguard.css\"></head><body><header class=\"site\"><p class=\"brand\">DataGuard shop</p>"
            + $"</header><main id=\"main\"><h1>{ShopWebApp.Encode(title)}</h1>{body}</main></body></html>",
            "text/html; charset=utf-8",
            statusCode: status);
}
