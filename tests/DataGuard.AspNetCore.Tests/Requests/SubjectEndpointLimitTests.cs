using System.Net;
using System.Net.Http.Json;
using System.Threading.RateLimiting;
using DataGuard.AspNetCore.Requests;
using DataGuard.AspNetCore.Tests.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>Every data-subject route is rate limited per subject, and no route accepts a body above the limit.</summary>
public sealed class SubjectEndpointLimitTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<List<HttpStatusCode>> CallAsync(int times, Func<Task<HttpResponseMessage>> call)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var response = await call();
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.EndsWith("#rate-limited", (await ConsentApp.JsonAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_31st_erasure_in_a_window_is_refused_with_429_and_another_subject_is_not_affected()
    {
        await using var app = await ConsentApp.StartAsync();
        using var ana = app.Client("ana");
        using var bob = app.Client("bob");

        var statuses = await CallAsync(30, () => ana.PostAsync(Url("/privacy/me/erasure"), null));
        using var thirtyFirst = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        await AssertRateLimitedAsync(thirtyFirst);
        Assert.Equal(new DataSubjectEndpointOptions().ErasurePermitLimit, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(new DataSubjectEndpointOptions().ErasurePermitLimit, app.Rights.Erased.Count);
        using var bobs = await bob.PostAsync(Url("/privacy/me/erasure"), null);
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
    }

    [Fact]
    public async Task The_201st_consent_grant_in_a_window_is_refused_with_429()
    {
        await using var app = await ConsentApp.StartAsync();
        using var ana = app.Client("ana");

        var statuses = await CallAsync(200, () => ana.PostAsync(Url("/privacy/consents/marketing"), null));
        using var last = await ana.PostAsync(Url("/privacy/consents/marketing"), null);

        await AssertRateLimitedAsync(last);
        Assert.Equal(new DataSubjectEndpointOptions().ConsentPermitLimit, statuses.Count(s => s == HttpStatusCode.OK));
        await app.InScopeAsync(async consents => Assert.Equal(new DataSubjectEndpointOptions().ConsentPermitLimit,
            (await consents.GetHistoryAsync((SubjectId)"ana")).Count));
    }

    [Fact]
    public async Task Reads_rectifications_and_restrictions_are_rate_limited_too()
    {
        await using var app = await ConsentApp.StartAsync(b => b.Services.Configure<DataSubjectEndpointOptions>(o => (o.ReadPermitLimit,
            o.ChangePermitLimit) = (2, 1)));
        using var ana = app.Client("ana");

        await CallAsync(2, () => ana.GetAsync(Url("/privacy/me/requests")));
        await AssertRateLimitedAsync(await ana.GetAsync(Url("/privacy/consents")));
        await CallAsync(1, () => ana.PostAsync(Url("/privacy/me/restriction"), null));
        await AssertRateLimitedAsync(await ana.PostAsync(Url("/privacy/me/rectification"),
            JsonContent.Create(new { entity = "Customer", property = "Email", value = "ana@new.example" })));
    }

    [Fact]
    public async Task A_policy_the_host_adds_under_DataGuards_name_replaces_DataGuards()
    {
        await using var app = await ConsentApp.StartAsync(b => b.Services.AddRateLimiter(o => o.AddPolicy(
            DataSubjectEndpointOptions.ErasureRateLimitPolicy,
            _ => RateLimitPartition.GetNoLimiter("host"))));
        using var ana = app.Client("ana");

        var statuses = await CallAsync(10, () => ana.PostAsync(Url("/privacy/me/erasure"), null));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
    }

    [Fact]
    public async Task An_oversized_rectification_gets_413_and_opens_no_request()
    {
        await using var app = await ConsentApp.StartAsync();
        using var ana = app.Client("ana");
        var value = new string('x', 70 * 1024);

        using var declared = await ana.PostAsync(Url("/privacy/me/rectification"), JsonContent.Create(new { entity = "Customer", property = "Email", value }));
        using var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $"{{\"entity\":\"Customer\",\"property\":\"Email\",\"value\":\"{value}\"}}")));
        chunked.Headers.ContentType = new("application/json");
        chunked.Headers.ContentLength = null;
        using var undeclared = await ana.PostAsync(Url("/privacy/me/rectification"), chunked);

        foreach (var response in new[] { declared, undeclared })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.EndsWith("#request-too-large", (await ConsentApp.JsonAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(app.Rights.Rectified);
        Assert.Equal(0, (await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests")))).GetArrayLength());
    }

    [Fact]
    public async Task A_body_above_the_limit_on_a_route_without_one_gets_413()
    {
        await using var app = await ConsentApp.StartAsync();
        using var ana = app.Client("ana");

        using var erase = await ana.PostAsync(Url("/privacy/me/erasure"), new ByteArrayContent(new byte[100 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, erase.StatusCode);
        Assert.Empty(app.Rights.Erased);
    }
}
