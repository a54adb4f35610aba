using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>A SQLite file of the test class's own, with the consent table created by EF Core.</summary>
public sealed class SqliteConsentDatabase : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();

    public string ConnectionString => $"Data Source={_folder.File("consent.db")}";

    public void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public async Task InitializeAsync()
    {
        await using var host = new ConsentHost(Configure);
        await host.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
