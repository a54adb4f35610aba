using System.Globalization;
using DataGuard.Benchmarks.Encryption;
using DataGuard.Encryption;
using DataGuard.Tenants;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Tenants;

/// <summary>
/// Tenants (issue 14), each pair interleaved in one process (<see cref="Interleaved"/>): (a) reads through a tenant's
/// keys against the same reads through the platform's key ring, field by field and through EF Core; (b) reads with one
/// tenant's keys cached against reads that go round 1,000 tenants, all cached; (c) <c>WhereEncrypted</c> on a table with a
/// tenant column (DataGuard adds the tenant predicate) against the same query on a table without one.
/// </summary>
internal static class TenantKeyInterleaved
{
    private const int Values = 1_000;
    private const int Tenants = 1_000;
    private const int RowsPerTenant = 1_000;
    private const int QueryTenants = 10;
    private const int Queries = 50;

    public static void Run(int rounds)
    {
        ThroughTenantKeys(rounds);
        ManyTenantsCached(rounds);
        TenantPredicate(rounds);
    }

    /// <summary>(a) Decrypting 1,000 values, and reading 1,000 rows, with a tenant's keys or the platform's.</summary>
    private static void ThroughTenantKeys(int rounds)
    {
        using var bench = new TenantBenchData();
        var column = bench.Encryptor.Column("TenantBench", "Email");
        var platformValues = Encrypt(bench, column, tenant: null);
        var tenantValues = Encrypt(bench, column, "t0000");
        Interleaved.Measure("(a) decrypt 1,000 values: platform ring vs tenant keys", rounds,
            () => DecryptAll(column, platformValues), () => InScope(bench.TenantContext, "t0000", () => DecryptAll(column, tenantValues)));
        Interleaved.Measure("(a) EF read of 1,000 rows: platform ring vs tenant keys", rounds,
            () => bench.ReadRecords("platform"), () => InScope(bench.TenantContext, "t0000", () => bench.ReadRecords("t0000")));
    }

    /// <summary>(b) One value per read, each in its tenant's scope: one tenant cached against 1,000 tenants cached (round
    /// robin over all of them, and one hot tenant among them).</summary>
    private static void ManyTenantsCached(int rounds)
    {
        using var one = BenchmarkServices.Create();
        using var many = BenchmarkServices.Create();
        var oneColumn = one.GetRequiredService<FieldEncryptor>().Column("TenantBench", "Email");
        var manyColumn = many.GetRequiredService<FieldEncryptor>().Column("TenantBench", "Email");
        var tenantIds = Enumerable.Range(0, Tenants).Select(static i => string.Create(CultureInfo.InvariantCulture, $"t{i:D4}")).ToArray();
        var (oneTenants, manyTenants) = (one.GetRequiredService<ITenantContext>(), many.GetRequiredService<ITenantContext>());
        var oneValues = Enumerable.Range(0, Tenants).Select(i => EncryptIn(one, oneColumn, "t0000", i)).ToArray();
        var manyValues = tenantIds.Select((t, i) => EncryptIn(many, manyColumn, t, i)).ToArray();
        var hotValues = Enumerable.Range(0, Tenants).Select(i => EncryptIn(many, manyColumn, "t0000", i)).ToArray();

        int ReadOne() => ReadEach(oneTenants, oneColumn, _ => "t0000", oneValues);
        Interleaved.Measure("(b) 1,000 reads, each in a scope: 1 tenant cached vs 1,000 tenants round robin", rounds,
            ReadOne, () => ReadEach(manyTenants, manyColumn, i => tenantIds[i], manyValues));
        Interleaved.Measure("(b) 1,000 reads, each in a scope: 1 tenant cached vs 1 hot tenant of 1,000 cached", rounds,
            ReadOne, () => ReadEach(manyTenants, manyColumn, _ => "t0000", hotValues));
    }

    /// <summary>(c) 50 <c>WhereEncrypted</c> look-ups of one row among 10 tenants' 10,000: with the tenant predicate (a
    /// tenant column) against without (no tenant column), both in the same tenant's scope with the same keys.</summary>
    private static void TenantPredicate(int rounds)
    {
        using var bench = new TenantBenchData();
        for (var t = 0; t < QueryTenants; t++)
        {
            bench.AddPatientsAndRecords(string.Create(CultureInfo.InvariantCulture, $"t{t:D4}"));
        }

        int Query(bool withTenantColumn) => InScope(bench.TenantContext, "t0003", () => bench.Search(withTenantColumn));
        Interleaved.Measure("(c) 50 WhereEncrypted look-ups: no tenant column vs tenant predicate", rounds, () => Query(false), () => Query(true));
    }

    private static string[] Encrypt(TenantBenchData bench, ProtectedColumn column, string? tenant)
        => InScope(bench.TenantContext, tenant, () =>
        {
            bench.Encryptor.EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return Enumerable.Range(0, Values).Select(i => column.EncryptString($"user{i}@example.com")).ToArray();
        });

    private static string EncryptIn(ServiceProvider services, ProtectedColumn column, string tenant, int i)
    {
        using var scope = services.GetRequiredService<ITenantContext>().Begin(tenant);
        services.GetRequiredService<FieldEncryptor>().EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return column.EncryptString($"user{i}@example.com");
    }

    private static int DecryptAll(ProtectedColumn column, string[] values)
    {
        var length = 0;
        foreach (var value in values)
        {
            length += column.DecryptString(value).Length;
        }

        return length;
    }

    private static int ReadEach(ITenantContext tenants, ProtectedColumn column, Func<int, string> tenantOf, string[] values)
    {
        var length = 0;
        for (var i = 0; i < values.Length; i++)
        {
            using var scope = tenants.Begin(tenantOf(i));
            length += column.DecryptString(values[i]).Length;
        }

        return length;
    }

    private static T InScope<T>(ITenantContext tenants, string? tenant, Func<T> work)
    {
        using var scope = tenant is null ? null : tenants.Begin(tenant);
        return work();
    }

    /// <summary>A SQLite file with both tables, DataGuard with an in-memory key store.</summary>
    private sealed class TenantBenchData : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "dataguard-bench-tenants-" + Guid.NewGuid().ToString("N"));
        private readonly ServiceProvider _services;

        public TenantBenchData()
        {
            Directory.CreateDirectory(_folder);
            var file = Path.Combine(_folder, "tenants.db");
            _services = BenchmarkServices.Create(s => s.AddDbContext<TenantBenchDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp)));
            Use(db => db.Database.EnsureCreated());
            AddRecords("platform");
            InScope(TenantContext, "t0000", () => AddRecords("t0000"));
        }

        public FieldEncryptor Encryptor => _services.GetRequiredService<FieldEncryptor>();

        public ITenantContext TenantContext => _services.GetRequiredService<ITenantContext>();

        public int ReadRecords(string owner)
            => Use(db => db.Records.AsNoTracking().Where(r => r.Owner == owner).ToList().Sum(static r => r.Email.Length + r.Name.Length));

        public void AddPatientsAndRecords(string tenant)
            => InScope(TenantContext, tenant, () =>
            {
                AddRecords(tenant + "-search");
                return Use(db =>
                {
                    db.Patients.AddRange(Enumerable.Range(0, RowsPerTenant).Select(i => new TenantBenchPatient
                    {
                        TenantId = tenant, Email = $"user{i}@example.com", Name = $"User Number {i}",
                    }));
                    return db.SaveChanges();
                });
            });

        public int Search(bool withTenantColumn)
        {
            var found = 0;
            for (var i = 0; i < Queries; i++)
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"user{i * 7}@example.com");
                found += Use(db => withTenantColumn
                    ? db.Patients.WhereEncrypted(p => p.Email, email).AsNoTracking().ToList().Count
                    : db.Records.WhereEncrypted(r => r.Email, email).AsNoTracking().ToList().Count);
            }

            return found;
        }

        public void Dispose()
        {
            _services.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        private int AddRecords(string owner)
            => Use(db =>
            {
                db.Records.AddRange(Enumerable.Range(0, RowsPerTenant).Select(i => new TenantBenchRecord
                {
                    Owner = owner, Email = $"user{i}@example.com", Name = $"User Number {i}",
                }));
                return db.SaveChanges();
            });

        private T Use<T>(Func<TenantBenchDb, T> work)
        {
            using var scope = _services.CreateScope();
            return work(scope.ServiceProvider.GetRequiredService<TenantBenchDb>());
        }
    }
}
