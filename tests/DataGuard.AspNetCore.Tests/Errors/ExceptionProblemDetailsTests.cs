using System.Net;
using DataGuard.AspNetCore.Tests.Consent;
using DataGuard.Consent;
using DataGuard.Encryption;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Errors;

/// <summary>DataGuard's exceptions thrown from the application's own handlers become ProblemDetails through ASP.NET
/// Core's exception handling.</summary>
public sealed class ExceptionProblemDetailsTests
{
    private const string CryptoMessage = "Customers.Email could not be decrypted with key 7: ana@example.com";

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static Task<ConsentApp> StartAsync() => ConsentApp.StartAsync(
        b => b.Services.AddDataGuard().AddExceptionProblemDetails(),
        app =>
        {
            app.UseExceptionHandler();
            app.MapPost("/campaign", static async (HttpContext http, IConsentService consents) =>
            {
                await consents.EnsureConsentAsync((SubjectId)"ana", "marketing", http.RequestAborted);
                return Results.Ok();
            });
            app.MapGet("/broken", static string () => throw new DataGuardCryptoException(CryptoMessage, "Customer", "Email", 7));
        });

    /// <summary>Everything but the trace id, which differs per call.</summary>
    private static string WithoutTraceId(System.Text.Json.JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value.GetRawText()));

    [Fact]
    public async Task A_ConsentRequiredException_from_the_applications_handler_is_the_same_403_RequireConsent_gives()
    {
        await using var app = await StartAsync();
        using var ana = app.Client("ana");

        using var thrown = await ana.PostAsync(Url("/campaign"), null);
        using var filtered = await ana.PostAsync(Url("/newsletter/send"), null);

        Assert.Equal(HttpStatusCode.Forbidden, thrown.StatusCode);
        Assert.Equal("application/problem+json", thrown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WithoutTraceId(await ConsentApp.JsonAsync(filtered)), WithoutTraceId(await ConsentApp.JsonAsync(thrown)));
    }

    [Fact]
    public async Task A_DataGuardCryptoException_is_a_500_problem_without_detail()
    {
        await using var app = await StartAsync();

        using var response = await app.Client("ana").GetAsync(Url("/broken"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = await ConsentApp.JsonAsync(response);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.False(problem.TryGetProperty("detail", out _));
        Assert.DoesNotContain("Email", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@", body, StringComparison.Ordinal);
    }
}
