using System.Diagnostics;
using DataGuard.Audit;
using DataGuard.Consent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Audit;

/// <summary>The audit context of a request: the endpoint's purpose, and a correlation id the server chose.</summary>
public sealed class AuditPurposeAndCorrelationTests : IDisposable
{
    private const string ClientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    // ASP.NET Core starts a request activity only when someone listens; the audit middleware must not take the client's
    // trace id when it does.
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = static source => source.Name == "Microsoft.AspNetCore",
        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public AuditPurposeAndCorrelationTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDataGuard();
        var app = builder.Build();
        app.UseDataGuard();
        app.MapGet("/care", static (IAuditContext audit) => $"{audit.Purpose ?? "(none)"}|{audit.CorrelationId}").WithAuditPurpose("care");
        app.MapGet("/plain", static (IAuditContext audit) => $"{audit.Purpose ?? "(none)"}|{audit.CorrelationId}|{Activity.Current?.TraceId.ToHexString()}");
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task An_endpoint_names_the_audit_purpose_of_its_requests()
    {
        await using var app = await StartAsync();
        var client = app.GetTestClient();

        Assert.StartsWith("care|", await client.GetStringAsync(new Uri("/care", UriKind.Relative)), StringComparison.Ordinal);
        Assert.StartsWith("(none)|", await client.GetStringAsync(new Uri("/plain", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_correlation_id_is_never_the_trace_id_the_client_sent()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/plain", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{ClientTraceId}-00f067aa0ba902b7-01");

        using var response = await app.GetTestClient().SendAsync(request);
        var parts = (await response.Content.ReadAsStringAsync()).Split('|');

        Assert.Equal(ClientTraceId, parts[2]);
        Assert.False(string.IsNullOrEmpty(parts[1]));
        Assert.DoesNotContain(ClientTraceId, parts[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_client_trace_the_correlation_id_is_the_servers_trace_id()
    {
        await using var app = await StartAsync();

        var parts = (await app.GetTestClient().GetStringAsync(new Uri("/plain", UriKind.Relative))).Split('|');

        Assert.Equal(parts[2], parts[1]);
    }
}
