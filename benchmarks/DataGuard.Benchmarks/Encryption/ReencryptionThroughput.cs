using System.Diagnostics;
using System.Globalization;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Re-encryption throughput and memory at a given row count (run once per size, in its own process):
/// <c>dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- reencrypt 100000</c>. Rows are seeded under the
/// first key, the key is rotated, and the job moves every row; the managed heap is sampled after every batch.
/// </summary>
internal static class ReencryptionThroughput
{
    public static async Task RunAsync(int rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-reencrypt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "notes.db");
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.ReencryptionBatchSize = 1_000).UseEntityFrameworkStores<NotesDb>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDbContext<NotesDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp));
        await using var provider = services.BuildServiceProvider();
        try
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<NotesDb>().Database.EnsureCreatedAsync();
            }

            var encryptor = provider.GetRequiredService<FieldEncryptor>();
            // The seed holds SQLite's write lock for the whole insert, so the nonce budget for every seeded value is
            // reserved in the key store (the same database) before it begins.
            await encryptor.EnsureReadyAsync(rows, CancellationToken.None);
            await SeedAsync(file, encryptor.Column(nameof(BenchmarkNote), nameof(BenchmarkNote.Text)), rows);
            await provider.GetRequiredService<IKeyManager>().RotateAsync();

            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            var progress = new SyncProgress(_ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false)));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = await provider.GetRequiredService<IFieldReencryptor>().RunAsync(progress);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows={report.TotalRows} seconds={watch.Elapsed.TotalSeconds:F1} rows_per_second={report.TotalRows / watch.Elapsed.TotalSeconds:F0} cpu_seconds={cpu.TotalSeconds:F1} rows_per_cpu_second={report.TotalRows / cpu.TotalSeconds:F0} baseline_heap_mb={baseline / 1048576.0:F1} peak_heap_mb={peak / 1048576.0:F1} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SeedAsync(string file, ProtectedColumn column, int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"Notes\" (\"Id\", \"Text\") VALUES ($id, $text)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        for (var i = 1; i <= rows; i++)
        {
            id.Value = i;
            text.Value = column.EncryptString($"note {i} about an order shipped to a customer");
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private sealed class SyncProgress(Action<ReencryptionProgress> report) : IProgress<ReencryptionProgress>
    {
        public void Report(ReencryptionProgress value) => report(value);
    }
}

public class BenchmarkNote
{
    public int Id { get; set; }
    [Personal] public string Text { get; set; } = "";
}

public class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
{
    public DbSet<BenchmarkNote> Notes => Set<BenchmarkNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<BenchmarkNote>().ToTable("Notes");
}
