using BenchmarkDotNet.Attributes;

namespace DataGuard.Benchmarks.PrivacyConsole;

/// <summary>
/// Server-side time of the privacy console's inbox and audit pages (an in-process GET through the whole ASP.NET Core
/// pipeline: authentication, authorization, antiforgery token, store queries, HTML) with <see cref="Scale"/> x 10,000
/// audit entries and x 1,000 subject requests. The pages read with keyset paging, so 10x the rows should cost about the
/// same: the figure that matters is the ratio of the Scale=10 row to the Scale=1 row.
/// </summary>
[MemoryDiagnoser]
public class ConsolePageBenchmarks
{
    private ConsoleBenchHost _host = null!;

    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = ConsoleBenchHost.StartAsync(auditEntries: 10_000 * Scale, requests: 1_000 * Scale).GetAwaiter().GetResult();
        var inbox = InboxFirstPage().GetAwaiter().GetResult();
        var expected = $"{200 * Scale} open";
        if (!inbox.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The seeded inbox does not say '{expected}'.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task<string> InboxFirstPage() => GetAsync("/privacy-console/requests");

    [Benchmark]
    public Task<string> InboxMiddlePage() => GetAsync(_host.MiddleInboxPage);

    [Benchmark]
    public Task<string> AuditFirstPage() => GetAsync("/privacy-console/audit");

    private async Task<string> GetAsync(string path)
    {
        using var response = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
