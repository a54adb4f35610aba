using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>A PostgreSQL database of the test class's own, created by EF Core and dropped afterwards. Nothing happens
/// without a configured server (the tests are skipped then).</summary>
public sealed class PostgresConsentDatabase : IAsyncLifetime
{
    public string? ConnectionString { get; } = PostgresTestDatabase.AdminConnectionString is null ? null : PostgresTestDatabase.ForNewDatabase("consent");

    public void Configure(DbContextOptionsBuilder options) =>
        options.UseNpgsql(ConnectionString ?? throw new InvalidOperationException("DATAGUARD_TEST_POSTGRES is not set."));

    public async Task InitializeAsync()
    {
        if (ConnectionString is not null)
        {
            await using var host = new ConsentHost(Configure);
            await host.EnsureCreatedAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await using var host = new ConsentHost(Configure);
            await host.EnsureDeletedAsync();
        }
    }
}
