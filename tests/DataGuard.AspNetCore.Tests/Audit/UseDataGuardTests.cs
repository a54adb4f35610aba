using System.Security.Claims;
using DataGuard.AspNetCore.Pages;
using DataGuard.Audit;
using DataGuard.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Audit;

public sealed class UseDataGuardTests
{
    private static async Task<WebApplication> StartAsync(Func<HttpContext, ClaimsPrincipal?> user, params Type[] model)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDataGuard();
        if (model.Length > 0)
        {
            builder.Services.AddSingleton(DataGuard.Model.PersonalDataModel.FromTypes(model));
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (user(context) is { } principal)
            {
                context.User = principal;
            }

            return next(context);
        });
        app.UseDataGuard();
        app.MapGet("/who", static (IAuditContext audit) => $"{audit.Actor ?? "(none)"}|{audit.CorrelationId}");
        await app.StartAsync();
        return app;
    }

    private static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public async Task The_actor_is_the_user_id_claim_of_the_request()
    {
        await using var app = await StartAsync(_ => User(new Claim("sub", "user-17"), new Claim(ClaimTypes.Name, "Ana")));
        var (actor, correlation) = Split(await app.GetTestClient().GetStringAsync(new Uri("/who", UriKind.Relative)));
        Assert.Equal("user-17", actor);
        Assert.False(string.IsNullOrEmpty(correlation));
    }

    [Fact]
    public async Task The_name_identifier_claim_is_used_without_sub()
    {
        await using var app = await StartAsync(_ => User(new Claim(ClaimTypes.NameIdentifier, "42")));
        Assert.Equal("42", Split(await app.GetTestClient().GetStringAsync(new Uri("/who", UriKind.Relative))).Actor);
    }

    [Fact]
    public async Task The_actor_is_the_subject_in_the_models_spelling_and_a_staff_account_stays_as_given()
    {
        var subject = Guid.NewGuid();
        await using var app = await StartAsync(c => User(new Claim("sub", c.Request.Query["u"].ToString())),
            typeof(DataGuard.AspNetCore.Tests.Masking.ShopCustomer));
        var client = app.GetTestClient();

        Assert.Equal(subject.ToString("D"),
            Split(await client.GetStringAsync(new Uri($"/who?u={subject.ToString("B").ToUpperInvariant()}", UriKind.Relative))).Actor);
        Assert.Equal("staff-7", Split(await client.GetStringAsync(new Uri("/who?u=staff-7", UriKind.Relative))).Actor);
    }

    [Fact]
    public async Task An_anonymous_request_has_no_actor()
    {
        await using var app = await StartAsync(_ => null);
        Assert.Equal("(none)", Split(await app.GetTestClient().GetStringAsync(new Uri("/who", UriKind.Relative))).Actor);
    }

    [Fact]
    public async Task Concurrent_requests_keep_their_own_actor()
    {
        await using var app = await StartAsync(c => User(new Claim("sub", c.Request.Query["u"].ToString())));
        var client = app.GetTestClient();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.GetStringAsync(new Uri($"/who?u=u{i}", UriKind.Relative))));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"u{i}"), results.Select(r => Split(r).Actor));
        Assert.Equal(20, results.Select(r => Split(r).Correlation).Distinct().Count());
    }

    [Fact]
    public void Using_it_without_add_data_guard_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var ex = Assert.Throws<InvalidOperationException>(() => app.UseDataGuard());
        Assert.Contains("AddDataGuard()", ex.Message, StringComparison.Ordinal);
    }

    private static (string Actor, string Correlation) Split(string text)
    {
        var parts = text.Split('|');
        return (parts[0], parts[1]);
    }
}
