using System.Net;
using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tests.Consent;

public sealed class RequireConsentTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_granted_consent_lets_the_request_through()
    {
        await using var app = await ConsentApp.StartAsync();
        await app.InScopeAsync(c => c.GrantAsync((SubjectId)"ana", "marketing"));

        using var response = await app.Client("ana").PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"sent\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_consent_gives_403_problem_details_naming_purpose_and_reason()
    {
        await using var app = await ConsentApp.StartAsync();

        using var response = await app.Client("ana").PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ConsentApp.JsonAsync(response);
        Assert.Equal("https://github.com/dataguard-dotnet/dataguard/blob/main/docs/consent.md#consent-required", problem.GetProperty("type").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("marketing", problem.GetProperty("purpose").GetString());
        Assert.Equal("absent", problem.GetProperty("reason").GetString());
        Assert.DoesNotContain("ana", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_takes_effect_on_the_very_next_request()
    {
        await using var app = await ConsentApp.StartAsync();
        await app.InScopeAsync(c => c.GrantAsync((SubjectId)"ana", "marketing"));
        using var client = app.Client("ana");
        using (var before = await client.PostAsync(Url("/newsletter/send"), null))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.InScopeAsync(c => c.WithdrawAsync((SubjectId)"ana", "marketing"));

        using var after = await client.PostAsync(Url("/newsletter/send"), null);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal("withdrawn", (await ConsentApp.JsonAsync(after)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_anonymous_request_gets_401_and_never_reaches_the_endpoint()
    {
        await using var app = await ConsentApp.StartAsync();

        using var response = await app.Client().PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_group_convention_checks_every_endpoint_in_the_group()
    {
        await using var app = await ConsentApp.StartAsync();
        using var client = app.Client("ana");
        using (var allowed = await client.GetAsync(Url("/reports/interests")))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        await app.InScopeAsync(c => c.ObjectAsync((SubjectId)"ana", "profiling"));

        using var objected = await client.GetAsync(Url("/reports/interests"));
        Assert.Equal(HttpStatusCode.Forbidden, objected.StatusCode);
        Assert.Equal("objected", (await ConsentApp.JsonAsync(objected)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_restricted_subject_is_refused_everything_but_legal_obligations()
    {
        await using var app = await ConsentApp.StartAsync();
        await app.InScopeAsync(c => c.GrantAsync((SubjectId)"ana", "marketing"));
        await app.InScopeAsync(c => c.RestrictAsync((SubjectId)"ana"));
        using var client = app.Client("ana");

        using var marketing = await client.PostAsync(Url("/newsletter/send"), null);
        using var tax = await client.GetAsync(Url("/tax/invoices"));

        Assert.Equal(HttpStatusCode.Forbidden, marketing.StatusCode);
        Assert.Equal("restricted", (await ConsentApp.JsonAsync(marketing)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, tax.StatusCode);
    }

    [Fact]
    public async Task The_subject_claim_type_comes_from_options()
    {
        await using var app = await ConsentApp.StartAsync(b => b.Services.Configure<SubjectClaimOptions>(o =>
        {
            o.ClaimTypes.Clear();
            o.ClaimTypes.Add("customer_id");
        }));
        await app.InScopeAsync(c => c.GrantAsync((SubjectId)"c-42", "marketing"));

        using var viaOption = await app.Client("c-42", claimType: "customer_id").PostAsync(Url("/newsletter/send"), null);
        using var viaDefault = await app.Client("c-42").PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.OK, viaOption.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viaDefault.StatusCode);
        Assert.Equal("https://github.com/dataguard-dotnet/dataguard/blob/main/docs/consent.md#no-subject",
            (await ConsentApp.JsonAsync(viaDefault)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_sub_claim_is_a_default_subject_claim()
    {
        await using var app = await ConsentApp.StartAsync();
        await app.InScopeAsync(c => c.GrantAsync((SubjectId)"oidc-7", "marketing"));

        using var response = await app.Client("oidc-7", claimType: "sub").PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_undeclared_purpose_fails_at_start_up()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsentApp.StartAsync(map: a => a.MapGet("/typo",
            () => "x").RequireConsent("marketting")));
        Assert.StartsWith("RequireConsent(\"marketting\"): the purpose is not declared", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_subject_claim_options_fail_at_start_up_with_every_problem()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => ConsentApp.StartAsync(b => b.Services.Configure<SubjectClaimOptions>(o =>
        {
            o.ClaimTypes.Clear();
        })));
        Assert.Single(ex.Failures);
        Assert.StartsWith("SubjectClaimOptions.ClaimTypes is empty", ex.Failures.First(), StringComparison.Ordinal);
    }
}
