using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Audit;

/// <summary>SaveChanges of 1,000 modified customers on SQLite with the audit trail on, against the same save with
/// auditing off (baseline). With auditing on, the save also locks the chain head, hashes 1,000 entries and inserts them
/// in the same transaction.</summary>
/// <remarks>One SaveChanges per iteration (the changes must be re-made between saves), so more iterations than the
/// short job's three keep the ratio meaningful on a shared machine. With one call per iteration, a few warm-up
/// iterations leave EF Core's save path in tier-0 code (measured: about four times the steady-state time, which
/// flattered the ratio to 1.2x); 40 warm-up saves let the JIT reach the optimised code an application runs.</remarks>
[MemoryDiagnoser]
[WarmupCount(40)]
[IterationCount(25)]
public class SaveChangesAuditBenchmarks
{
    private const int Customers = 1000;
    private AuditBenchHost _off = null!;
    private AuditBenchHost _on = null!;
    private BenchDb _db = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _off = Seed(new AuditBenchHost(auditing: false, "sqlite"));
        _on = Seed(new AuditBenchHost(auditing: true, "sqlite"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _off.Dispose();
        _on.Dispose();
    }

    [IterationSetup(Target = nameof(AuditingOff))]
    public void LoadOff() => _db = Load(_off);

    [IterationSetup(Target = nameof(AuditingOn))]
    public void LoadOn() => _db = Load(_on);

    [IterationCleanup]
    public void Unload() => _db.Dispose();

    [Benchmark(Baseline = true)]
    public int AuditingOff() => _db.SaveChanges();

    [Benchmark]
    public int AuditingOn() => _db.SaveChanges();

    internal static AuditBenchHost Seed(AuditBenchHost host)
    {
        using var db = host.NewContext();

        // Write-ahead logging, as SQLite recommends for applications: both sides pay the same commit, and the figure
        // measures the audit work rather than the rollback journal's page copies and fsyncs.
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        for (var i = 0; i < Customers; i++)
        {
            db.Customers.Add(new BenchCustomer { Id = Guid.NewGuid(), Email = $"c{i}@example.com", Name = $"Customer {i}", CreatedAt = DateTime.UtcNow });
        }

        db.SaveChanges();
        return host;
    }

    private BenchDb Load(AuditBenchHost host) => Load(host, ++_round);

    internal static BenchDb Load(AuditBenchHost host, int round)
    {
        var db = host.NewContext();
        foreach (var customer in db.Customers.Take(Customers).ToList())
        {
            customer.Name = $"Customer renamed {round}";
        }

        return db;
    }
}
