using BenchmarkDotNet.Attributes;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Benchmarks.Audit;

/// <summary>
/// Append throughput of the chain: 200 entries, each in a transaction of its own (lock head row, read head, hash,
/// insert, move head, commit), from one writer and from four concurrent writers. Per-operation time is per entry, so
/// entries/s = 1 s / Mean. PostgreSQL runs too when DATAGUARD_BENCH_POSTGRES holds a connection string.
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private const int Entries = 200;
    private AuditBenchHost _host = null!;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "sqlite";

    public static IEnumerable<string> Providers()
        => Environment.GetEnvironmentVariable("DATAGUARD_BENCH_POSTGRES") is { Length: > 0 } ? ["sqlite", "postgres"] : ["sqlite"];

    [GlobalSetup]
    public void Setup() => _host = new AuditBenchHost(auditing: true, Provider);

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public async Task SingleWriter()
    {
        var trail = _host.Trail;
        for (var i = 0; i < Entries; i++)
        {
            await trail.RecordAsync(new AuditEvent(AuditActions.ConsentGranted) { SubjectId = (SubjectId)"subject-1", Purpose = "marketing" });
        }
    }

    [Benchmark(OperationsPerInvoke = Entries)]
    public async Task FourWriters()
    {
        var trail = _host.Trail;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Entries / 4; i++)
            {
                await trail.RecordAsync(new AuditEvent(AuditActions.ConsentGranted) { SubjectId = (SubjectId)"subject-1", Purpose = "marketing" });
            }
        })));
    }
}
