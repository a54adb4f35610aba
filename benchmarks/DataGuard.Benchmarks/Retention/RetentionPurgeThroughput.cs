using System.Diagnostics;
using System.Globalization;
using DataGuard.Audit;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Retention;

/// <summary>
/// Retention purge throughput and memory at a given row count (one process per size):
/// <c>dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- retention 100000 [batchSize|default] [repeats]</c>.
/// Every row is due. Each repeat seeds the rows, purges them with <see cref="IRetentionService.RunAsync"/>, seeds them
/// again and removes them with one hand-written <c>DELETE … WHERE "VisitedAt" &lt; @cutoff</c>, the baseline; odd repeats
/// run the baseline first, so that neither side always meets the database in the same state. Both sides use the same
/// database file in the journal mode EF Core gives a database it creates (WAL), and the same 64 MiB page cache. The managed heap is sampled after every
/// batch (through the audit trail, which sees each batch). Set <c>DATAGUARD_BENCH_SQL=1</c> to print the SQL sent.
/// </summary>
internal static class RetentionPurgeThroughput
{
    private const int RetentionCacheKibibytes = 64 * 1024;

    public static async Task RunAsync(int rows, int? batchSize, int repeats)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-retention-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "visits.db");
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var cutoff = now.UtcDateTime.AddDays(-30);
        var sampler = new HeapSampler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddSingleton<IAuditTrail>(sampler);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDataGuard(o =>
        {
            if (batchSize is { } size)
            {
                o.Retention.BatchSize = size;
            }
        }).UseEntityFrameworkStores<VisitsDb>();
        services.AddDbContext<VisitsDb>((sp, o) =>
        {
            o.UseSqlite($"Data Source={file}").UseDataGuard(sp);
            if (Environment.GetEnvironmentVariable("DATAGUARD_BENCH_SQL") == "1")
            {
                o.LogTo(static m => Console.WriteLine(m), [RelationalEventId.CommandExecuted]);
            }
        });
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
            var journalMode = await JournalModeAsync(file);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal_mode={journalMode} " +
                $"batch={batchSize?.ToString(CultureInfo.InvariantCulture) ?? "default"}"));

            GC.Collect();
            var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
            sampler.Peak = 0;
            var ratios = new List<double>();
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                double dataGuardSeconds = 0, baselineSeconds = 0;
                long purged = 0, deleted = 0;
                for (var side = 0; side < 2; side++)
                {
                    await SeedAsync(file, rows, now);
                    GC.Collect(); // the seeding's garbage is not the purge's memory
                    var watch = Stopwatch.StartNew();
                    if ((side + repeat) % 2 == 0)
                    {
                        purged = (await retention.RunAsync()).Purged;
                        dataGuardSeconds = watch.Elapsed.TotalSeconds;
                    }
                    else
                    {
                        deleted = await HandWrittenDeleteAsync(file, cutoff);
                        baselineSeconds = watch.Elapsed.TotalSeconds;
                    }
                }

                ratios.Add(dataGuardSeconds / baselineSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rows={purged} dataguard_seconds={dataGuardSeconds:F2} dataguard_rows_per_second={purged / dataGuardSeconds:F0} " +
                    $"handwritten_delete_seconds={baselineSeconds:F2} handwritten_rows_per_second={deleted / baselineSeconds:F0} " +
                    $"ratio={dataGuardSeconds / baselineSeconds:F2}"));
            }

            ratios.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median_ratio={ratios[ratios.Count / 2]:F2} baseline_heap_mb={baselineHeap / 1048576.0:F1} peak_heap_mb={sampler.Peak / 1048576.0:F1} " +
                $"peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string?> JournalModeAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        return (string?)await pragma.ExecuteScalarAsync();
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

        // The page cache DataGuard gives its own connection during a run, so that neither side has more memory to work in.
        delete.CommandText = "PRAGMA cache_size = -" + RetentionCacheKibibytes.ToString(CultureInfo.InvariantCulture);
        await delete.ExecuteNonQueryAsync();
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
