using System.Diagnostics;
using System.Globalization;
using DataGuard.Audit;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Retention;

/// <summary>
/// Retention purge throughput and memory at a given row count (one process per size):
/// <c>dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- retention 100000 [batchSize]</c>. Every row is
/// due. In the same run the rows are seeded again and removed by one hand-written <c>DELETE … WHERE "VisitedAt" &lt; @cutoff</c>,
/// the baseline. The managed heap is sampled after every batch (through the audit trail, which sees each batch).
/// </summary>
internal static class RetentionPurgeThroughput
{
    public static async Task RunAsync(int rows, int batchSize)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-retention-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "visits.db");
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var sampler = new HeapSampler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddSingleton<IAuditTrail>(sampler);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDataGuard(o => o.Retention.BatchSize = batchSize).UseEntityFrameworkStores<VisitsDb>();
        services.AddDbContext<VisitsDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp));
        await using var provider = services.BuildServiceProvider();
        try
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<VisitsDb>().Database.EnsureCreatedAsync();
            }

            var retention = provider.GetRequiredService<IRetentionService>();
            await SeedAsync(file, 1_000, now); // warm-up: compile the queries once, outside the measurement
            await retention.RunAsync();

            await SeedAsync(file, rows, now);
            GC.Collect();
            var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
            sampler.Peak = 0;
            var watch = Stopwatch.StartNew();
            var report = await retention.RunAsync();
            watch.Stop();
            var purged = report.Purged;
            var dataGuardSeconds = watch.Elapsed.TotalSeconds;

            await SeedAsync(file, rows, now);
            watch.Restart();
            var deleted = await HandWrittenDeleteAsync(file, now.UtcDateTime.AddDays(-30));
            watch.Stop();
            var baselineSeconds = watch.Elapsed.TotalSeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows={purged} batch={batchSize} dataguard_seconds={dataGuardSeconds:F2} dataguard_rows_per_second={purged / dataGuardSeconds:F0} " +
                $"handwritten_delete_seconds={baselineSeconds:F2} handwritten_rows_per_second={deleted / baselineSeconds:F0} ratio={dataGuardSeconds / baselineSeconds:F2} " +
                $"baseline_heap_mb={baselineHeap / 1048576.0:F1} peak_heap_mb={sampler.Peak / 1048576.0:F1} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SeedAsync(string file, int rows, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"Visits\" (\"MemberId\", \"IpAddress\", \"Page\", \"VisitedAt\") VALUES ($member, $ip, '/pricing', $at)";
        var member = insert.Parameters.Add("$member", SqliteType.Text);
        var ip = insert.Parameters.Add("$ip", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var start = now.UtcDateTime.AddDays(-31);
        for (var i = 0; i < rows; i++)
        {
            member.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            ip.Value = "203.0.113." + (i % 250).ToString(CultureInfo.InvariantCulture);
            at.Value = start.AddSeconds(-i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task<int> HandWrittenDeleteAsync(string file, DateTime cutoff)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"Visits\" WHERE \"VisitedAt\" < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", cutoff.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        return await delete.ExecuteNonQueryAsync();
    }

    private sealed class HeapSampler : IAuditTrail
    {
        public long Peak { get; set; }

        public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: false));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
