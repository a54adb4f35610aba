using System.IO.Compression;
using System.Net;
using System.Text.Json;
using DataGuard.AspNetCore.Requests;
using DataGuard.AspNetCore.Tests.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataGuard.AspNetCore.Tests.Requests;

public sealed class DataSubjectRequestEndpointTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<(ConsentApp App, ScriptedVerifier Verifier)> StartAsync(int exportPermits = 10)
    {
        var verifier = new ScriptedVerifier();
        var app = await ConsentApp.StartAsync(b =>
        {
            b.Services.AddSingleton<ISubjectVerifier>(verifier);
            b.Services.Configure<DataSubjectEndpointOptions>(o => o.ExportPermitLimit = exportPermits);
        });
        return (app, verifier);
    }

    private static async Task<string> SubjectInPackageAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(FakeSubjectRightsService.EntryName)!.Open());
        return await reader.ReadToEndAsync();
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string typeAnchor)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ConsentApp.JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.EndsWith("#" + typeAnchor, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Everything but the trace id, which differs per call.</summary>
    private static string WithoutTraceId(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value.GetRawText()));

    [Fact]
    public async Task The_signed_in_subject_downloads_their_own_package_as_a_zip_and_the_access_request_is_completed()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");

        using var export = await ana.GetAsync(Url("/privacy/me/export?subject=bob&subjectId=bob"));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^personal-data-\d{4}-\d{2}-\d{2}\.zip$", export.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("ana", await SubjectInPackageAsync(export));
        Assert.Equal([new SubjectId("ana")], app.Rights.Exported);
        var requests = await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests")));
        var access = Assert.Single(requests.EnumerateArray());
        Assert.Equal(("Access", "Completed"), (access.GetProperty("kind").GetString(), access.GetProperty("status").GetString()));
        Assert.Equal(["Received", "IdentityVerified", "Started", "Completed"],
            access.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Erasure_runs_once_verified_and_its_lifecycle_is_visible_in_the_status_routes()
    {
        var (app, verifier) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");

        using var erase = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        Assert.Equal(HttpStatusCode.Created, erase.StatusCode);
        var body = await ConsentApp.JsonAsync(erase);
        var id = body.GetProperty("request").GetProperty("id").GetString();
        Assert.Equal($"/privacy/me/requests/{id}", erase.Headers.Location?.OriginalString);
        Assert.Equal("Completed", body.GetProperty("request").GetProperty("status").GetString());
        Assert.True(body.TryGetProperty("report", out var report) && report.GetProperty("completedAt").ValueKind == JsonValueKind.String);
        Assert.Equal([new SubjectId("ana")], app.Rights.Erased);
        Assert.Equal(["ana"], verifier.AskedFor);
        var status = await ConsentApp.JsonAsync(await ana.GetAsync(erase.Headers.Location));
        Assert.Equal(("Erasure", "Completed"), (status.GetProperty("kind").GetString(), status.GetProperty("status").GetString()));
        Assert.Equal(["Received", "IdentityVerified", "Started", "Completed"],
            status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(status.GetProperty("receivedAt").GetDateTimeOffset().AddDays(30), status.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_pending_verification_answers_202_and_calling_again_resumes_the_same_request()
    {
        var (app, verifier) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        verifier.Answer = SubjectVerification.Pending("Confirm the link we e-mailed you.");

        using var pending = await ana.PostAsync(Url("/privacy/me/erasure"), null);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var waiting = await ConsentApp.JsonAsync(pending);
        Assert.Equal("Received", waiting.GetProperty("status").GetString());
        Assert.Empty(app.Rights.Erased);

        verifier.Answer = SubjectVerification.Verified;
        using var done = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(pending.Headers.Location, done.Headers.Location);
        Assert.Single(app.Rights.Erased);
        var all = await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests")));
        Assert.Equal(1, all.GetArrayLength());
    }

    [Fact]
    public async Task A_verifier_rejection_rejects_the_request_with_its_reason_and_erases_nothing()
    {
        var (app, verifier) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        verifier.Answer = SubjectVerification.Rejected("Sign in again with your second factor.");

        using var erase = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        var problem = await AssertProblemAsync(erase, HttpStatusCode.Forbidden, "identity-not-verified");
        Assert.Empty(app.Rights.Erased);
        Assert.Equal("Sign in again with your second factor.", problem.GetProperty("reason").GetString());
        var status = await ConsentApp.JsonAsync(await ana.GetAsync(Url(problem.GetProperty("location").GetString()!)));
        Assert.Equal(("Rejected", "Sign in again with your second factor."),
            (status.GetProperty("status").GetString(), status.GetProperty("rejectionReason").GetString()));
    }

    [Fact]
    public async Task A_failed_erasure_answers_problem_details_and_is_closed_as_failed_with_the_kind_of_failure_only()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        app.Rights.FailErasure = true;

        using var failed = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        var problem = await AssertProblemAsync(failed, HttpStatusCode.InternalServerError, "request-failed");
        var location = problem.GetProperty("location").GetString()!;
        var status = await ConsentApp.JsonAsync(await ana.GetAsync(Url(location)));
        Assert.Equal("Rejected", status.GetProperty("status").GetString());
        var reason = status.GetProperty("rejectionReason").GetString()!;
        Assert.StartsWith("Failed (InvalidOperationException)", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", reason, StringComparison.Ordinal);
        app.Rights.FailErasure = false;
        using var retried = await ana.PostAsync(Url("/privacy/me/erasure"), null);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.NotEqual(location, retried.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Mapping_the_endpoints_with_rectification_and_no_rectifier_fails_at_start_up()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsentApp.StartAsync(b => b.Services.RemoveAll<ISubjectRectifier>()));

        Assert.Contains("ISubjectRectifier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_rectification_turned_off_the_endpoints_start_without_a_rectifier_and_the_route_is_not_mapped()
    {
        await using var app = await ConsentApp.StartAsync(b =>
        {
            b.Services.RemoveAll<ISubjectRectifier>();
            b.Services.Configure<DataSubjectEndpointOptions>(o => o.Rectification = false);
        });
        using var ana = app.Client("ana");

        using var rectify = await ana.PostAsync(Url("/privacy/me/rectification"),
            System.Net.Http.Json.JsonContent.Create(new { entity = "Customer", property = "Email", value = "x" }));

        Assert.Contains(rectify.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Empty(app.Rights.Rectified);
    }

    [Fact]
    public async Task One_subject_cannot_reach_another_subjects_requests_or_data_by_any_route()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        using var bob = app.Client("bob");
        using var bobsErasure = await bob.PostAsync(Url("/privacy/me/erasure"), null);
        var bobsLocation = bobsErasure.Headers.Location!.OriginalString;

        using var byId = await ana.GetAsync(Url(bobsLocation));
        using var unknown = await ana.GetAsync(Url($"/privacy/me/requests/{Guid.NewGuid()}"));
        using var malformed = await ana.GetAsync(Url("/privacy/me/requests/not-an-id"));
        var anasList = await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests?subject=bob")));
        using var anasExport = await ana.GetAsync(Url("/privacy/me/export?subject=bob"));
        using var anasErasure = await ana.PostAsync(Url("/privacy/me/erasure?subjectId=bob"), null);

        var others = await AssertProblemAsync(byId, HttpStatusCode.NotFound, "request-not-found");
        var nobodys = await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "request-not-found");
        await AssertProblemAsync(malformed, HttpStatusCode.NotFound, "request-not-found");
        Assert.Equal(WithoutTraceId(nobodys), WithoutTraceId(others));
        Assert.Equal(0, anasList.GetArrayLength());
        Assert.Equal("ana", await SubjectInPackageAsync(anasExport));
        Assert.Equal([new SubjectId("bob"), new SubjectId("ana")], app.Rights.Erased);
        var bobsOwn = await ConsentApp.JsonAsync(await bob.GetAsync(Url(bobsLocation)));
        Assert.Equal("Completed", bobsOwn.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anonymous_requests_get_401_on_every_request_route_and_nothing_is_recorded()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var anonymous = app.Client();

        using var export = await anonymous.GetAsync(Url("/privacy/me/export"));
        using var erase = await anonymous.PostAsync(Url("/privacy/me/erasure"), null);
        using var list = await anonymous.GetAsync(Url("/privacy/me/requests"));
        using var one = await anonymous.GetAsync(Url($"/privacy/me/requests/{Guid.NewGuid()}"));

        Assert.All([export, erase, list, one], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty(app.Rights.Exported);
        Assert.Empty(app.Rights.Erased);
    }

    [Fact]
    public async Task Repeated_exports_are_rate_limited_per_subject_with_problem_details()
    {
        var (app, _) = await StartAsync(exportPermits: 2);
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        using var bob = app.Client("bob");

        using var first = await ana.GetAsync(Url("/privacy/me/export"));
        using var second = await ana.GetAsync(Url("/privacy/me/export"));
        using var third = await ana.GetAsync(Url("/privacy/me/export"));
        using var bobsFirst = await bob.GetAsync(Url("/privacy/me/export"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        await AssertProblemAsync(third, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, bobsFirst.StatusCode);
        Assert.Equal(2, app.Rights.Exported.Count(s => s == new SubjectId("ana")));
        var anasRequests = await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests")));
        Assert.Equal(2, anasRequests.GetArrayLength());
    }

    [Fact]
    public async Task Mapping_the_endpoints_without_AddDataSubjectEndpoints_names_the_missing_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<ISubjectRequestStore, InMemorySubjectRequestStore>();
        builder.Services.AddDataGuard();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapDataSubjectEndpoints("/privacy"));

        Assert.Contains("AddDataSubjectEndpoints()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_rate_limit_options_stop_the_host_at_start_up_with_every_problem()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ConsentApp.StartAsync(b =>
            b.Services.Configure<DataSubjectEndpointOptions>(o =>
            {
                o.ExportPermitLimit = 0;
                o.ExportWindow = TimeSpan.Zero;
            })));

        Assert.Equal(2, ex.Failures.Count());
    }

    [Fact]
    public async Task A_rectification_is_a_tracked_request_for_the_signed_in_subject_only()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");

        using var rectify = await ana.PostAsync(Url("/privacy/me/rectification?subject=bob"),
            System.Net.Http.Json.JsonContent.Create(new { entity = "Customer", property = "Email", value = "ana@new.example" }));

        Assert.Equal(HttpStatusCode.Created, rectify.StatusCode);
        var request = await ConsentApp.JsonAsync(rectify);
        Assert.Equal(("Rectification", "Completed"), (request.GetProperty("kind").GetString(), request.GetProperty("status").GetString()));
        Assert.Equal([(new SubjectId("ana"), "Customer.Email")], app.Rights.Rectified);
        Assert.DoesNotContain("ana@new.example", request.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rectification_without_entity_or_property_is_a_400_problem_and_opens_no_request()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");

        using var rectify = await ana.PostAsync(Url("/privacy/me/rectification"), System.Net.Http.Json.JsonContent.Create(new { value = "ana@new.example" }));

        await AssertProblemAsync(rectify, HttpStatusCode.BadRequest, "invalid-rectification");
        Assert.Empty(app.Rights.Rectified);
        Assert.Equal(0, (await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/me/requests")))).GetArrayLength());
    }

    [Fact]
    public async Task Restriction_is_recorded_for_the_signed_in_subject_and_anonymous_callers_get_401()
    {
        var (app, _) = await StartAsync();
        await using var ownedApp = app;
        using var ana = app.Client("ana");
        using var anonymous = app.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Url("/privacy/me/restriction"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Url("/privacy/me/rectification"), null)).StatusCode);
        using var restrict = await ana.PostAsync(Url("/privacy/me/restriction"), null);

        Assert.Equal(HttpStatusCode.Created, restrict.StatusCode);
        var request = await ConsentApp.JsonAsync(restrict);
        Assert.Equal(("Restriction", "Completed"), (request.GetProperty("kind").GetString(), request.GetProperty("status").GetString()));
        Assert.Equal([(new SubjectId("ana"), false)], app.Rights.Restrictions);
    }
}
