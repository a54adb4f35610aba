using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Audit;

/// <summary>An application over a fresh database, with DataGuard's audit trail on or off.</summary>
internal sealed class AuditBenchHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _file;

    public AuditBenchHost(bool auditing, string provider)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var dataGuard = services.AddDataGuard().UseEntityFrameworkStores<BenchDb>();
        if (auditing)
        {
            dataGuard.AddAuditing();
        }

        string connection;
        if (provider == "postgres")
        {
            connection = Environment.GetEnvironmentVariable("DATAGUARD_BENCH_POSTGRES")!.TrimEnd(';') +
                ";Database=dg_bench_" +
                Guid.NewGuid().ToString("N")[..12];
        }
        else
        {
            _file = Path.Combine(Path.GetTempPath(), "dataguard-bench-" + Guid.NewGuid().ToString("N") + ".db");
            connection = $"Data Source={_file}";
        }

        services.AddDbContext<BenchDb>((sp, o) =>
        {
            if (provider == "postgres")
            {
                o.UseNpgsql(connection);
            }
            else
            {
                o.UseSqlite(connection);
            }

            o.UseDataGuard(sp);
        }, ServiceLifetime.Transient, ServiceLifetime.Singleton);
        _services = services.BuildServiceProvider();
        using var db = NewContext();
        db.Database.EnsureDeleted();
        db.Database.EnsureCreated();
    }

    public BenchDb NewContext() => _services.GetRequiredService<BenchDb>();

    public IAuditTrail Trail => _services.GetRequiredService<IAuditTrail>();

    public void Dispose()
    {
        using (var db = NewContext())
        {
            db.Database.EnsureDeleted();
        }

        _services.Dispose();
    }
}
