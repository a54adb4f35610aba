using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>A database of the test class's own (a SQLite file, or a PostgreSQL database when <paramref name="postgres"/>),
/// created by EF Core with DataGuard's tables and dropped afterwards.</summary>
public abstract class RequestsDatabase(bool postgres) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly string? _postgres = postgres
        && PostgresTestDatabase.AdminConnectionString is not null ? PostgresTestDatabase.ForNewDatabase("requests") : null;

    public bool Available => !postgres || _postgres is not null;

    public void Configure(DbContextOptionsBuilder options)
    {
        if (postgres)
        {
            options.UseNpgsql(_postgres ?? throw new InvalidOperationException("DATAGUARD_TEST_POSTGRES is not set."));
        }
        else
        {
            options.UseSqlite($"Data Source={_folder.File("requests.db")}");
        }
    }

    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().UseEntityFrameworkStores<RequestsDb>();
        services.AddDbContext<RequestsDb>((sp, o) => Configure(o.UseDataGuard(sp)));
        return services.BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        if (Available)
        {
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RequestsDb>().Database.EnsureCreatedAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (postgres && Available)
        {
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RequestsDb>().Database.EnsureDeletedAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
