using DataGuard.EFCore.Tests.Retention;
using DataGuard.Encryption;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using static DataGuard.EFCore.Tests.Retention.TenantRetentionHost;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>
/// The application's own queries are its own: DataGuard scopes the queries it runs, not a <c>db.Devices.ToListAsync()</c>
/// without a tenant filter. Such a query in acme's scope returns globex's rows too; their values must then fail to
/// decrypt under acme's keys (with subject keys and without), never come back in clear. The same subject id lives in
/// all three tenants, so a cache keyed by subject alone would hand acme's key to globex's row.
/// </summary>
public sealed class UnfilteredTenantReadTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_unfiltered_query_in_one_tenants_scope_never_decrypts_another_tenants_row()
    {
        var file = _folder.File("unfiltered.db");
        await using var host = await TenantRetentionHost.StartAsync(o => o.UseSqlite($"Data Source={file}"));
        var cara = Guid.NewGuid();
        foreach (var tenant in new[] { "acme", "globex", "initech" })
        {
            var device = Device(cara, daysAgo: 1);
            device.Name = $"{tenant}'s phone";
            await host.AddAsync(tenant, device);
        }

        foreach (var tenant in new[] { "acme", "globex", "initech" })
        {
            using (host.Tenants.Begin(tenant))
            {
                // Filtered as the application should: its own row reads.
                var own = await host.WithContextAsync(db => db.Devices.Where(d => d.TenantId == tenant).ToListAsync());
                Assert.Equal($"{tenant}'s phone", Assert.Single(own).Name);

                // Unfiltered: the other tenants' rows come back from the database, and are refused.
                var failure = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.Devices.ToListAsync()));
                Assert.Contains($"tenant '{tenant}'", failure.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("phone", failure.Message, StringComparison.Ordinal);
            }
        }
    }
}
