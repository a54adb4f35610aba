using System.Net.Http.Json;
using System.Text.Json;
using DataGuard.AspNetCore.Masking;
using DataGuard.AspNetCore.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tests.Masking;

public sealed class ResponseMaskingTests
{
    private static readonly ShopCustomer Ana = new() { Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Email = "ana@example.com", Name = "Ana Silva",
        CardNumber = "4111 1111 1111 1111", Orders = 2 };
    private static readonly ShopCustomer Jonas = new() { Id = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), Email = "jonas@example.org",
        Name = "Jonas Weber", Orders = 1 };

    private static async Task<WebApplication> StartAsync(Action<ResponseMaskingOptions>? configure = null, bool useMiddleware = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(TestAuthenticationHandler.SchemeName).AddScheme<AuthenticationSchemeOptions,
            TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy("pii-reader", p => p.RequireRole("support")));
        builder.Services.AddDataGuard().AddResponseMasking(configure ?? (o => o.RevealPolicy = "pii-reader"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        if (useMiddleware)
        {
            app.UseDataGuardResponseMasking();
        }

        app.MapGet("/customers/ana", () => Ana);
        app.MapGet("/customers", () => new[] { Ana, Jonas });
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> GetAsync(WebApplication app, string path, string? user = null, string? role = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
            request.Headers.Add("X-Test-Claim", "sub");
        }

        if (role is not null)
        {
            request.Headers.Add("X-Test-Role", role);
        }

        using var response = await app.GetTestClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void AssertMasked(JsonElement customer)
    {
        Assert.Matches(@"^\w\*\*\*@example\.(com|org)$", customer.GetProperty("email").GetString());
        Assert.Equal("***", customer.GetProperty("name").GetString());
        Assert.DoesNotContain("ana@", customer.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_user_gets_masked_personal_fields()
    {
        await using var app = await StartAsync();

        var customer = await GetAsync(app, "/customers/ana", user: "someone-else");

        AssertMasked(customer);
        Assert.Equal("a***@example.com", customer.GetProperty("email").GetString());
        Assert.Equal("**** **** **** 1111", customer.GetProperty("cardNumber").GetString());
        Assert.Equal(2, customer.GetProperty("orders").GetInt32());
    }

    [Fact]
    public async Task An_anonymous_caller_gets_masked_personal_fields()
    {
        await using var app = await StartAsync();

        AssertMasked(await GetAsync(app, "/customers/ana"));
    }

    [Fact]
    public async Task A_user_holding_the_reveal_policy_gets_clear_fields()
    {
        await using var app = await StartAsync();

        var customer = await GetAsync(app, "/customers/ana", user: "agent-7", role: "support");

        Assert.Equal("ana@example.com", customer.GetProperty("email").GetString());
        Assert.Equal("Ana Silva", customer.GetProperty("name").GetString());
        Assert.Equal("4111 1111 1111 1111", customer.GetProperty("cardNumber").GetString());
    }

    [Fact]
    public async Task The_subject_gets_their_own_record_in_clear_when_the_option_is_on_and_others_masked()
    {
        await using var app = await StartAsync(o => o.RevealToSubject = true);

        var customers = await GetAsync(app, "/customers", user: Ana.Id.ToString("D").ToUpperInvariant());

        Assert.Equal("ana@example.com", customers[0].GetProperty("email").GetString());
        Assert.Equal("Ana Silva", customers[0].GetProperty("name").GetString());
        Assert.Equal("j***@example.org", customers[1].GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_subject_gets_masked_fields_when_the_option_is_off()
    {
        await using var app = await StartAsync(_ => { });

        AssertMasked(await GetAsync(app, "/customers/ana", user: Ana.Id.ToString()));
    }

    [Fact]
    public async Task Without_the_middleware_everyone_gets_masked_fields()
    {
        await using var app = await StartAsync(useMiddleware: false);

        AssertMasked(await GetAsync(app, "/customers/ana", user: "agent-7", role: "support"));
    }

    [Fact]
    public async Task Response_masking_options_problems_stop_the_host_at_start_up()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o => (o.RevealPolicy, o.RevealToSubject) = (" ", true)));

        Assert.StartsWith("ResponseMasking: RevealPolicy is blank", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }
}
