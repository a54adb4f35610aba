using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>Subject-key mode on SQLite: reading 10,000 rows of 10,000 distinct subjects (two encrypted strings each,
/// every row on its own subject's key) against the same entity unencrypted, in the same run. "Warm": the subject keys
/// are in the instance's cache; "cold": the cache is emptied before each iteration, so the read also loads and unwraps
/// (Data Protection) 10,000 keys.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SubjectKeyReadBenchmarks
{
    private const int Rows = 10_000;
    private ServiceProvider _services = null!;
    private string _folder = "";

    public class PlainPatient
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public class SubjectPatient
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    }

    public class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
    {
        public DbSet<PlainPatient> Patients => Set<PlainPatient>();
    }

    public class SubjectDb(DbContextOptions<SubjectDb> options) : DbContext(options)
    {
        public DbSet<SubjectPatient> Patients => Set<SubjectPatient>();
    }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-subject-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.SubjectKeys = true);
        services.AddSingleton<IKeyStore, InMemoryKeyStore>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDbContext<PlainDb>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "plain.db")}"));
        services.AddDbContext<SubjectDb>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(_folder, "subject.db")}").UseDataGuard(sp));
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<FieldEncryptor>().EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

        using var scope = _services.CreateScope();
        var plain = scope.ServiceProvider.GetRequiredService<PlainDb>();
        var subject = scope.ServiceProvider.GetRequiredService<SubjectDb>();
        plain.Database.EnsureCreated();
        subject.Database.EnsureCreated();
        for (var i = 0; i < Rows; i++)
        {
            var id = Guid.NewGuid();
            plain.Patients.Add(new PlainPatient { Id = id, Email = $"user{i}@example.com", Name = $"User Number {i}" });
            subject.Patients.Add(new SubjectPatient { Id = id, Email = $"user{i}@example.com", Name = $"User Number {i}" });
        }

        plain.SaveChanges();
        subject.SaveChanges();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The subject-key database file (for <see cref="SubjectKeyReadBreakdown"/>).</summary>
    internal string SubjectDatabase => Path.Combine(_folder, "subject.db");

    internal ServiceProvider Services => _services;

    [IterationSetup(Target = nameof(ReadSubjectKeysColdCache))]
    public void EmptyKeyCache() => _services.GetRequiredService<SubjectKeyRing>().ClearCache();

    private int Read<TContext, TEntity>(bool tracking)
        where TContext : DbContext
        where TEntity : class
    {
        using var scope = _services.CreateScope();
        var set = scope.ServiceProvider.GetRequiredService<TContext>().Set<TEntity>();
        return (tracking ? set : set.AsNoTracking()).Take(Rows).ToList().Count;
    }

    [BenchmarkCategory("ReadTracking"), Benchmark(Baseline = true)]
    public int ReadPlainTracking() => Read<PlainDb, PlainPatient>(tracking: true);

    [BenchmarkCategory("ReadTracking"), Benchmark]
    public int ReadSubjectKeysTracking() => Read<SubjectDb, SubjectPatient>(tracking: true);

    [BenchmarkCategory("ReadTracking"), Benchmark]
    public int ReadSubjectKeysColdCache() => Read<SubjectDb, SubjectPatient>(tracking: true);

    [BenchmarkCategory("ReadNoTracking"), Benchmark(Baseline = true)]
    public int ReadPlainNoTracking() => Read<PlainDb, PlainPatient>(tracking: false);

    [BenchmarkCategory("ReadNoTracking"), Benchmark]
    public int ReadSubjectKeysNoTracking() => Read<SubjectDb, SubjectPatient>(tracking: false);
}
