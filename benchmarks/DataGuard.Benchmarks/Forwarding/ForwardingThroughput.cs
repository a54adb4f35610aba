using System.Diagnostics;
using System.Globalization;
using DataGuard.Benchmarks.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataGuard.Benchmarks.Forwarding;

/// <summary>
/// Forwarding throughput: an audit chain of N entries on SQLite (written by inserting N audited customers), then
/// DataGuard's forwarding service started against a destination that only counts, timed until the last entry arrived.
/// One run per size, not a BenchmarkDotNet benchmark: `forward &lt;entries&gt;`.
/// </summary>
internal static class ForwardingThroughput
{
    public static async Task RunAsync(int entries)
    {
        var file = Path.Combine(Path.GetTempPath(), "dataguard-bench-forward-" + Guid.NewGuid().ToString("N") + ".db");
        var destination = new CountingForwarder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard(o =>
            {
                o.Operations.Forwarding.BatchSize = 1_000;
                o.Operations.Forwarding.PollInterval = TimeSpan.FromMilliseconds(10);
            })
            .UseEntityFrameworkStores<BenchDb>()
            .AddAuditing()
            .ForwardAuditTo(_ => destination);
        services.AddDbContext<BenchDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp), ServiceLifetime.Transient, ServiceLifetime.Singleton);
        await using var provider = services.BuildServiceProvider();
        await using (var db = provider.GetRequiredService<BenchDb>())
        {
            await db.Database.EnsureCreatedAsync();
        }

        for (var done = 0; done < entries; done += 5_000)
        {
            await using var db = provider.GetRequiredService<BenchDb>();
            db.AddRange(Enumerable.Range(done, Math.Min(5_000, entries - done))
                .Select(i => new BenchCustomer { Id = Guid.NewGuid(), Email = $"user{i}@example.com", Name = $"User {i}", CreatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        }

        var hosted = provider.GetServices<IHostedService>().ToList();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var peak = 0L;
        while (destination.Received < entries && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(20);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        }

        watch.Stop();
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"forwarded {destination.Received:N0} of {entries:N0} entries in {watch.Elapsed.TotalSeconds:F1} " +
            $"s: {destination.Received / watch.Elapsed.TotalSeconds:N0} entries/s; managed heap before {before / 1048576.0:F1} MB, " +
            $"peak {peak / 1048576.0:F1} MB"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
