using System.Net;
using System.Security.Claims;
using DataGuard.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Tenants;

/// <summary>Tenant failures that escape the application's handlers become ProblemDetails (400 without a tenant, 403 for
/// another tenant's data) that name no tenant; a signed-in user of acme who sends X-Tenant: globex is refused before any
/// handler reads anything.</summary>
public sealed class TenantExceptionProblemTests
{
    private int _reads;

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDataGuard().AddExceptionProblemDetails().AddTenantResolution(static o => o.FromClaim("tenant").FromHeader("X-Tenant"));
        var app = builder.Build();
        app.UseExceptionHandler();
        app.Use((context, next) =>
        {
            if (context.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tenant", "acme"), new Claim("sub", user)], "test"));
            }

            return next(context);
        });
        app.UseRouting();
        app.UseTenantResolution();
        app.MapGet("/notes", (ITenantContext tenants) =>
        {
            Interlocked.Increment(ref _reads);
            return tenants.RequireTenant();
        });
        app.MapGet("/platform", static (ITenantContext tenants) => tenants.RequireTenant()).AllowMissingTenant();
        app.MapPost("/notes/{tenant}", static (string tenant, ITenantContext tenants) =>
        {
            using var other = tenants.Begin(tenant);
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(WebApplication app, HttpMethod method, string path, string? user, string? header = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        if (header is not null)
        {
            request.Headers.Add("X-Tenant", header);
        }

        using var response = await app.GetTestClient().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_TenantRequiredException_is_a_400_problem()
    {
        await using var app = await StartAsync();

        var (status, body) = await SendAsync(app, HttpMethod.Get, "/platform", user: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"reason\":\"tenant-required\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TenantMismatchException_is_a_403_problem_that_names_no_tenant()
    {
        await using var app = await StartAsync();

        var (status, body) = await SendAsync(app, HttpMethod.Post, "/notes/globex", user: "ana");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("\"reason\":\"tenant-mismatch\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", body, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_acme_sending_X_Tenant_globex_gets_403_and_reads_nothing()
    {
        await using var app = await StartAsync();

        var (status, body) = await SendAsync(app, HttpMethod.Get, "/notes", user: "ana", header: "globex");
        var (ownStatus, own) = await SendAsync(app, HttpMethod.Get, "/notes", user: "ana", header: "acme");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("globex", body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "acme", 1), (ownStatus, own, _reads));
    }
}
