using System.Net;
using System.Security.Claims;
using DataGuard.AspNetCore.Tenants;
using DataGuard.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tests.Tenants;

/// <summary>Requests find their tenant from the sources the application chose; sources that disagree, an invalid id or
/// a missing tenant refuse the request. The signed-in user's tenant claims come from the X-Test-Tenant-Claim header
/// (one claim per value), played by the identity provider.</summary>
public sealed class TenantResolutionTests
{
    private static async Task<WebApplication> StartAsync(Action<TenantResolutionOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDataGuard().AddTenantResolution(configure);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user)
            {
                var claims = context.Request.Headers["X-Test-Tenant-Claim"].Select(static t => new Claim("tenant", t!)).Append(new Claim("sub", user));
                context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
            }

            return next(context);
        });
        app.UseRouting();
        app.UseTenantResolution();
        app.MapGet("/tenant", static (ITenantContext tenants) => tenants.RequireTenant());
        app.MapGet("/t/{tenant}/tenant", static (ITenantContext tenants) => tenants.RequireTenant());
        app.MapGet("/health", static (ITenantContext tenants) => tenants.Current ?? "(none)").AllowMissingTenant();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(WebApplication app, string path, string? user = null, string[]? claims = null, string? header = null, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        foreach (var claim in claims ?? [])
        {
            request.Headers.Add("X-Test-Tenant-Claim", claim);
        }

        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Tenant", header);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await app.GetTestClient().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_claim_sets_the_tenant_of_the_request()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant"));

        Assert.Equal((HttpStatusCode.OK, "acme"), await GetAsync(app, "/tenant", user: "ana", claims: ["acme"]));
    }

    [Fact]
    public async Task A_header_naming_another_tenant_than_the_users_claim_is_refused_with_403()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant").FromHeader("X-Tenant"));

        var (status, body) = await GetAsync(app, "/tenant", user: "ana", claims: ["acme"], header: "globex");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("\"reason\":\"tenant-conflict\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_agrees_with_the_claim_is_accepted()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant").FromHeader("X-Tenant"));

        Assert.Equal((HttpStatusCode.OK, "acme"), await GetAsync(app, "/tenant", user: "ana", claims: ["acme"], header: "acme"));
    }

    [Fact]
    public async Task A_signed_in_user_without_a_tenant_claim_cannot_choose_a_tenant_by_header()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant").FromHeader("X-Tenant"));

        var (status, _) = await GetAsync(app, "/tenant", user: "ana", header: "globex");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_user_with_claims_for_two_tenants_is_refused()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant"));

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/tenant", user: "ana", claims: ["acme", "globex"])).Status);
    }

    [Fact]
    public async Task A_request_without_a_tenant_is_refused_with_400_unless_the_endpoint_allows_it()
    {
        await using var app = await StartAsync(static o => o.FromHeader("X-Tenant"));

        var (status, body) = await GetAsync(app, "/tenant");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"reason\":\"tenant-required\"", body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "(none)"), await GetAsync(app, "/health"));
        Assert.Equal((HttpStatusCode.OK, "acme"), await GetAsync(app, "/health", header: "acme"));
    }

    [Fact]
    public async Task Without_required_a_request_with_no_tenant_runs_as_platform_work_and_require_tenant_still_fails()
    {
        await using var app = await StartAsync(static o =>
        {
            o.FromHeader("X-Tenant");
            o.Required = false;
        });

        await Assert.ThrowsAsync<TenantRequiredException>(() => GetAsync(app, "/tenant")); // the test server rethrows
        Assert.Equal((HttpStatusCode.OK, "(none)"), await GetAsync(app, "/health"));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("acme/../globex")]
    [InlineData("acme,globex")]
    public async Task An_invalid_tenant_id_is_refused_with_400_without_echoing_it(string value)
    {
        await using var app = await StartAsync(static o => o.FromHeader("X-Tenant"));

        var (status, body) = await GetAsync(app, "/tenant", header: value);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"reason\":\"tenant-invalid\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(value, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme.example.com", HttpStatusCode.OK)]
    [InlineData("ACME.Example.com:8443", HttpStatusCode.OK)]
    [InlineData("example.com", HttpStatusCode.BadRequest)]
    [InlineData("eu.acme.example.com", HttpStatusCode.BadRequest)]
    [InlineData("acme.example.org", HttpStatusCode.BadRequest)]
    [InlineData("acmeexample.com", HttpStatusCode.BadRequest)]
    public async Task The_host_name_under_the_parent_domain_names_the_tenant(string host, HttpStatusCode expected)
    {
        await using var app = await StartAsync(static o => o.FromHost("example.com"));

        var (status, body) = await GetAsync(app, "/tenant", host: host);

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("acme", body);
        }
    }

    [Fact]
    public async Task The_route_value_names_the_tenant_and_must_agree_with_the_claim()
    {
        await using var app = await StartAsync(static o => o.FromClaim("tenant").FromRouteValue("tenant"));

        Assert.Equal((HttpStatusCode.OK, "acme"), await GetAsync(app, "/t/acme/tenant", user: "ana", claims: ["acme"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/t/globex/tenant", user: "ana", claims: ["acme"])).Status);
    }

    [Fact]
    public async Task Start_up_fails_when_no_source_is_chosen()
    {
        var failed = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(static _ => { }));

        Assert.Contains("choose at least one source of the tenant", failed.Message, StringComparison.Ordinal);
    }
}
