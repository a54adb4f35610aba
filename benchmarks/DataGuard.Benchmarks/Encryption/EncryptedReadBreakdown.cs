using DataGuard.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Where an encrypted no-tracking read of <see cref="EfCoreEncryptionBenchmarks"/> spends its time beyond the plain
/// read, each part against the plain read, interleaved (<see cref="Interleaved"/>): the stored texts read without
/// decrypting them (what longer strings cost EF Core and SQLite), the same personal entity unencrypted with DataGuard on
/// (what DataGuard's entity hooks cost), and decrypting the 20,000 stored texts alone (the codec's share).
/// Command: <c>dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- read-breakdown 20</c>.
/// </summary>
internal static class EncryptedReadBreakdown
{
    private const int Rows = 10_000;

    public sealed class StoredCustomer
    {
        public int Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public sealed class ClearPersonalCustomer
    {
        public int Id { get; set; }
        [Personal(PersonalCategory.Contact, Encrypt = false)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity, Encrypt = false)] public string Name { get; set; } = "";
    }

    public sealed class StoredDb(DbContextOptions<StoredDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<StoredCustomer>().ToTable("Customers");
    }

    public sealed class ClearPersonalDb(DbContextOptions<ClearPersonalDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<ClearPersonalCustomer>().ToTable("Customers");
    }

    public static void Run(int rounds)
    {
        var bench = new EfCoreEncryptionBenchmarks();
        bench.Setup();
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-breakdown-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var services = BenchmarkServices.Create(s =>
            {
                s.AddDbContext<StoredDb>(o => o.UseSqlite($"Data Source={bench.SecretDatabase}"));
                s.AddDbContext<ClearPersonalDb>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(folder, "clear.db")}").UseDataGuard(sp));
            });
            using (var scope = services.CreateScope())
            {
                var clear = scope.ServiceProvider.GetRequiredService<ClearPersonalDb>();
                clear.Database.EnsureCreated();
                clear.AddRange(Enumerable.Range(0, Rows).Select(i => new ClearPersonalCustomer { Email = $"user{i}@example.com", Name = $"User Number {i}" }));
                clear.SaveChanges();
            }

            int Read<TContext, TEntity>()
                where TContext : DbContext
                where TEntity : class
            {
                using var scope = services.CreateScope();
                return scope.ServiceProvider.GetRequiredService<TContext>().Set<TEntity>().AsNoTracking().Take(Rows).ToList().Count;
            }

            List<StoredCustomer> stored;
            using (var scope = services.CreateScope())
            {
                stored = scope.ServiceProvider.GetRequiredService<StoredDb>().Set<StoredCustomer>().AsNoTracking().ToList();
            }

            var (encryptor, entity) = bench.SecretColumns();
            var email = encryptor.Column(entity, "Email");
            var name = encryptor.Column(entity, "Name");
            int DecryptOnly()
            {
                var length = 0;
                foreach (var row in stored)
                {
                    length += email.DecryptString(row.Email).Length + name.DecryptString(row.Name).Length;
                }

                return length;
            }

            Interleaved.Measure("no tracking: encrypted read (whole)", rounds, bench.ReadPlainNoTracking, bench.ReadEncryptedNoTracking);
            Interleaved.Measure("no tracking: stored texts read, not decrypted", rounds, bench.ReadPlainNoTracking, Read<StoredDb, StoredCustomer>);
            Interleaved.Measure("no tracking: personal entity unencrypted, DataGuard on", rounds, bench.ReadPlainNoTracking, Read<ClearPersonalDb, ClearPersonalCustomer>);
            Interleaved.Measure("decrypting the 20,000 stored texts alone", rounds, bench.ReadPlainNoTracking, DecryptOnly);
        }
        finally
        {
            bench.Cleanup();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
