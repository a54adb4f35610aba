using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Retention;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>One PostgreSQL database for the retention test class, created once and dropped afterwards. Hosts share a
/// Data Protection provider, so every host unwraps the keys the first one stored.</summary>
public sealed class PostgresRetentionDatabase : IAsyncLifetime
{
    private readonly IDataProtectionProvider _dataProtection = new EphemeralDataProtectionProvider();

    internal string? ConnectionString { get; } = PostgresTestDatabase.AdminConnectionString is null ? null : PostgresTestDatabase.ForNewDatabase("retention");

    internal Task<RetentionHost> HostAsync(Action<DataGuardOptions>? configure = null, FakeTimeProvider? clock = null)
        => RetentionHost.StartAsync(o => o.UseNpgsql(ConnectionString), configure, clock, _dataProtection, create: false);

    /// <summary>Empties the tables, so each test starts from the same state in the shared database.</summary>
    internal static Task ResetAsync(RetentionHost host) => host.WithContextAsync(async db =>
    {
        await db.Visits.ExecuteDeleteAsync();
        await db.Members.ExecuteDeleteAsync();
        await db.Invoices.ExecuteDeleteAsync();
        await db.Sessions.ExecuteDeleteAsync();
        await db.Tickets.ExecuteDeleteAsync();
        await db.Set<LegalHoldRecord>().ExecuteDeleteAsync();
        await db.Set<LeaseRecord>().ExecuteDeleteAsync();
    });

    public async Task InitializeAsync()
    {
        if (ConnectionString is null)
        {
            return;
        }

        await using var host = await RetentionHost.StartAsync(o => o.UseNpgsql(ConnectionString), dataProtection: _dataProtection);
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString is null)
        {
            return;
        }

        await using var host = await HostAsync();
        await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
    }
}
