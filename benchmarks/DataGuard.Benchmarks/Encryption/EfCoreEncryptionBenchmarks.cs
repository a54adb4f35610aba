using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DataGuard.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>EF Core on SQLite, 10,000 rows with two encrypted string properties, against the same entity unencrypted
/// in the same run (each category has its own baseline).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EfCoreEncryptionBenchmarks
{
    private const int Rows = 10_000;
    private ServiceProvider _services = null!;
    private string _folder = "";

    public class PlainCustomer
    {
        public int Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public class SecretCustomer
    {
        public int Id { get; set; }
        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    }

    public class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
    {
        public DbSet<PlainCustomer> Customers => Set<PlainCustomer>();
    }

    public class SecretDb(DbContextOptions<SecretDb> options) : DbContext(options)
    {
        public DbSet<SecretCustomer> Customers => Set<SecretCustomer>();
    }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-ef-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _services = BenchmarkServices.Create(s =>
        {
            s.AddDbContext<PlainDb>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "plain.db")}"));
            s.AddDbContext<SecretDb>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(_folder, "secret.db")}").UseDataGuard(sp));
        });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<PlainDb>().Database.EnsureCreated();
        scope.ServiceProvider.GetRequiredService<SecretDb>().Database.EnsureCreated();
        Insert<PlainDb>(i => new PlainCustomer { Email = $"user{i}@example.com", Name = $"User Number {i}" });
        Insert<SecretDb>(i => new SecretCustomer { Email = $"user{i}@example.com", Name = $"User Number {i}" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The encrypted database's file (for <see cref="EncryptedReadBreakdown"/>).</summary>
    internal string SecretDatabase => Path.Combine(_folder, "secret.db");

    /// <summary>The encryptor and the DataGuard name the encrypted entity's values are bound to.</summary>
    internal (DataGuard.Encryption.FieldEncryptor Encryptor, string Entity) SecretColumns()
    {
        using var scope = _services.CreateScope();
        var entityType = scope.ServiceProvider.GetRequiredService<SecretDb>().Model.FindEntityType(typeof(SecretCustomer))!;
        return (_services.GetRequiredService<DataGuard.Encryption.FieldEncryptor>(), DataGuard.EFCore.Model.EntityTypeSpecReader.DataGuardName(entityType));
    }

    private int Insert<TContext>(Func<int, object> create)
        where TContext : DbContext
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        db.AddRange(Enumerable.Range(0, Rows).Select(create));
        return db.SaveChanges();
    }

    private int Delete<TContext, TEntity>(int keep)
        where TContext : DbContext
        where TEntity : class
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TContext>().Set<TEntity>().Where(e => EF.Property<int>(e, "Id") > keep).ExecuteDelete();
    }

    [BenchmarkCategory("Insert"), Benchmark(Baseline = true)]
    public int InsertPlain()
    {
        Delete<PlainDb, PlainCustomer>(Rows);
        return Insert<PlainDb>(i => new PlainCustomer { Email = $"new{i}@example.com", Name = $"New User {i}" });
    }

    [BenchmarkCategory("Insert"), Benchmark]
    public int InsertEncrypted()
    {
        Delete<SecretDb, SecretCustomer>(Rows);
        return Insert<SecretDb>(i => new SecretCustomer { Email = $"new{i}@example.com", Name = $"New User {i}" });
    }

    [BenchmarkCategory("ReadTracking"), Benchmark(Baseline = true)]
    public int ReadPlainTracking()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PlainDb>().Customers.Take(Rows).ToList().Count;
    }

    [BenchmarkCategory("ReadTracking"), Benchmark]
    public int ReadEncryptedTracking()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SecretDb>().Customers.Take(Rows).ToList().Count;
    }

    [BenchmarkCategory("ReadNoTracking"), Benchmark(Baseline = true)]
    public int ReadPlainNoTracking()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PlainDb>().Customers.AsNoTracking().Take(Rows).ToList().Count;
    }

    [BenchmarkCategory("ReadNoTracking"), Benchmark]
    public int ReadEncryptedNoTracking()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SecretDb>().Customers.AsNoTracking().Take(Rows).ToList().Count;
    }
}
