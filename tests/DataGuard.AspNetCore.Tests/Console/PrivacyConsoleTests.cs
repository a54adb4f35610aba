using System.Net;
using System.Text.RegularExpressions;
using DataGuard.AspNetCore.Console;
using DataGuard.AspNetCore.Tests.Requests;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>The privacy console and center on TestServer with the EF Core stores on SQLite: what must hold without a
/// browser (authorization per area, antiforgery, masking, audit actor, headers). The browser flows are in
/// DataGuard.AspNetCore.Browser.Tests.</summary>
public sealed partial class PrivacyConsoleTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = Build(_folder, o => o.RevealPolicy = "privacy-reveal");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            await db.Database.EnsureCreatedAsync();
            db.Members.AddRange(new ShopMember { Id = "ana-1", Email = "ana@example.com", Name = "Ana" },
                new ShopMember { Id = "bob-2", Email = "bob@example.org", Name = "Bob" });
            await db.SaveChangesAsync();
        }

        await _app.StartAsync();
    }

    private static WebApplication Build(TempDirectory folder, Action<PrivacyConsoleOptions> configure, Action<DataGuardOptions>? dataGuard = null,
        Action<AuditOptions>? audit = null, Action<IServiceCollection>? services = null)
    {
        var builder = TestAuthenticationHandler.CreateAppBuilder();
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("privacy-viewer", p => p.RequireRole("officer", "auditor"));
            o.AddPolicy("privacy-operator", p => p.RequireRole("officer"));
            o.AddPolicy("privacy-reveal", p => p.RequireRole("officer"));
        });
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddDataGuard(dataGuard).UseEntityFrameworkStores<ShopDb>().AddAuditing(audit);
        builder.Services.AddDbContext<ShopDb>((sp, o) => o.UseSqlite($"Data Source={folder.File("shop.db")}").UseDataGuard(sp));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDataGuard();
        app.MapPrivacyConsole("/privacy-console", configure);
        app.MapPrivacyCenter("/privacy");
        return app;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private HttpClient Client(string user, string? role = null)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Test-User", user);
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Role", role);
        }

        return client;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>GETs a page and returns its antiforgery cookie and the form token, as a browser would hold them.</summary>
    private static async Task<(string Cookie, string Token)> FormTokensAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(Url(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = TokenField().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        return (cookie, token);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, (string Cookie, string Token)? tokens,
        params (string, string)[] fields)
    {
        var form = fields.Select(static f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path));
        if (tokens is { } t)
        {
            form.Add(new("__RequestVerificationToken", t.Token));
            request.Headers.Add("Cookie", t.Cookie);
        }

        request.Content = new FormUrlEncodedContent(form);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Console_pages_send_a_strict_content_security_policy_and_hold_no_inline_script_or_style()
    {
        using var officer = Client("olga", "officer");
        foreach (var path in new[] { "/privacy-console/requests", "/privacy-console/audit", "/privacy-console/consent", "/privacy-console/retention",
            "/privacy-console/keys", "/privacy-console/data-map" })
        {
            var response = await officer.GetAsync(Url(path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                response.Headers.GetValues("Content-Security-Policy").Single());
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("/privacy-console/assets/dataguard.css", html, StringComparison.Ordinal);
        }

        var css = await officer.GetAsync(Url("/privacy-console/assets/dataguard.css"));
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var officer = Client("olga", "officer");

        var response = await PostAsync(officer, "/privacy-console/retention/holds", null, ("subject", "ana-1"), ("reason", "Case 1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ILegalHoldService>().GetActiveAsync());
    }

    [Fact]
    public async Task An_officer_places_a_hold_and_the_trail_names_the_officer_and_the_purpose()
    {
        using var officer = Client("olga", "officer");
        var tokens = await FormTokensAsync(officer, "/privacy-console/retention");

        var response = await PostAsync(officer, "/privacy-console/retention/holds", tokens, ("subject", "ana-1"), ("reason", "Case 1"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var hold = Assert.Single(await scope.ServiceProvider.GetRequiredService<ILegalHoldService>().GetActiveAsync());
        Assert.Equal("olga", hold.PlacedBy);
        var entries = await scope.ServiceProvider.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery { Action = "console.hold.placed" });
        var entry = Assert.Single(entries.Entries);
        Assert.Equal("olga", entry.Actor);
        Assert.Equal("retention-management", entry.Purpose);
        Assert.Equal("ana-1", entry.SubjectId);
    }

    [Fact]
    public async Task A_viewer_reads_the_console_but_cannot_act()
    {
        using var auditor = Client("aldo", "auditor");
        var tokens = await FormTokensAsync(auditor, "/privacy-console/retention");

        var response = await PostAsync(auditor, "/privacy-console/retention/holds", tokens, ("subject", "ana-1"), ("reason", "Case 1"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Place hold", await (await auditor.GetAsync(Url("/privacy-console/retention"))).Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_subject_cannot_open_the_console()
    {
        using var ana = Client("ana-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync(Url("/privacy-console/requests"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync(Url("/privacy-console/data-map.json"))).StatusCode);
    }

    [Fact]
    public async Task Subject_ids_are_masked_unless_the_user_may_reveal_them()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISubjectRequestService>().ReceiveAsync(new SubjectId("bob-2"), SubjectRequestKind.Access, "test");
        }

        using var auditor = Client("aldo", "auditor");
        using var officer = Client("olga", "officer");

        var masked = WebUtility.HtmlDecode(await (await auditor.GetAsync(Url("/privacy-console/requests"))).Content.ReadAsStringAsync());
        var revealed = await (await officer.GetAsync(Url("/privacy-console/requests"))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("bob-2", masked, StringComparison.Ordinal);
        Assert.Contains("bob-••••", masked, StringComparison.Ordinal);
        Assert.Contains("bob-2", revealed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_gets_the_same_404_for_another_subjects_request_as_for_an_unknown_one()
    {
        Guid bobs;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            bobs = (await scope.ServiceProvider.GetRequiredService<ISubjectRequestService>().ReceiveAsync(new SubjectId("bob-2"), SubjectRequestKind.Erasure,
                "test")).Id;
        }

        using var ana = Client("ana-1");
        var other = await ana.GetAsync(Url("/privacy/requests/" + bobs.ToString("D")));
        var unknown = await ana.GetAsync(Url("/privacy/requests/" + Guid.NewGuid().ToString("D")));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_subject_withdraws_consent_only_with_the_forms_token()
    {
        using var ana = Client("ana-1");
        var without = await PostAsync(ana, "/privacy/consents", null, ("purpose", "marketing"), ("decision", "withdraw"));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
    }

    [Fact]
    public void Mapping_the_console_with_an_unregistered_policy_fails_at_start_up()
    {
        using var folder = new TempDirectory();
        var error = Assert.Throws<InvalidOperationException>(() => Build(folder, o => o.OperatorPolicy = "no-such-policy"));
        Assert.Contains("'no-such-policy'", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
