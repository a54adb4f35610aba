using System.Net.Http.Json;
using System.Text.Json;
using DataGuard.AspNetCore.Tests.Requests;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Consent;

/// <summary>A real ASP.NET Core host on TestServer: DataGuard with the in-memory consent and request stores, a fake
/// rights service, a test authentication scheme, the rate limiter, the data-subject endpoints and a few consent-checked
/// endpoints.</summary>
internal sealed class ConsentApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsentApp(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public FakeSubjectRightsService Rights => _app.Services.GetRequiredService<FakeSubjectRightsService>();

    public static async Task<ConsentApp> StartAsync(Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = TestAuthenticationHandler.CreateAppBuilder();
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IConsentStore, InMemoryConsentStore>();
        builder.Services.AddSingleton<ISubjectRequestStore, InMemorySubjectRequestStore>();
        builder.Services.AddSingleton<FakeSubjectRightsService>();
        builder.Services.AddSingleton<ISubjectRightsService>(static sp => sp.GetRequiredService<FakeSubjectRightsService>());
        builder.Services.AddSingleton<ISubjectRectifier, AcceptingRectifier>();
        builder.Services.AddDataGuard(o =>
        {
            o.Purposes.Add("marketing", notice: "2026-11", description: "Newsletters and offers");
            o.Purposes.Add("profiling", lawfulBasis: LawfulBasis.LegitimateInterests);
            o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation);
        }).AddDataSubjectEndpoints();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapDataSubjectEndpoints("/privacy");
        app.MapPost("/newsletter/send", () => Results.Ok("sent")).RequireConsent("marketing");
        var reports = app.MapGroup("/reports").RequireConsent("profiling");
        reports.MapGet("/interests", () => "interests");
        app.MapGet("/tax/invoices", () => "invoices").RequireConsent("tax-records");
        map?.Invoke(app);
        await app.StartAsync();
        return new ConsentApp(app);
    }

    public HttpClient Client(string? user = null, string? claimType = null)
    {
        var client = _app.GetTestClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-User", user);
        }

        if (claimType is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Claim", claimType);
        }

        return client;
    }

    public async Task InScopeAsync(Func<IConsentService, Task> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<IConsentService>());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
