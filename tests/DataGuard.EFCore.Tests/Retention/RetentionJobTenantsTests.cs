using System.Threading.Channels;
using DataGuard.EFCore.Tests.Infrastructure;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>Which tenants the retention job runs for: with a database per tenant, those the application's
/// <see cref="ITenantDirectory"/> lists (and without one the job says so); without tenants, one platform-level run as
/// before.</summary>
public sealed class RetentionJobTenantsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task With_a_database_per_tenant_the_job_runs_retention_in_each_database_the_directory_lists()
    {
        var lines = Channel.CreateUnbounded<string>();
        await using var host = await StartAsync(lines, new ListedTenants("acme", "globex"), "acme", "globex");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await host.InTenantAsync(tenant, async db =>
            {
                db.Courses.AddRange(Course("due", daysAgo: 40), Course("recent", daysAgo: 1));
                return await db.SaveChangesAsync();
            });
        }

        var log = await RetentionJobRun.OnceAsync(host.Services, lines.Reader);

        foreach (var tenant in new[] { "acme", "globex" })
        {
            Assert.Equal(["recent"], await host.InTenantAsync(tenant, db => db.Courses.Select(c => c.Title).ToListAsync()));
        }

        Assert.Contains("ran for 2 tenants, 0 of them failed", log[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_database_per_tenant_and_no_directory_the_job_fails_saying_that_it_needs_one()
    {
        var lines = Channel.CreateUnbounded<string>();
        await using var host = await StartAsync(lines, directory: null, "acme");

        var log = await RetentionJobRun.OnceAsync(host.Services, lines.Reader);

        Assert.Contains("retention job failed", log[^1], StringComparison.Ordinal);
        var failure = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), static r => r.Id.Id == 1301).Exception;
        Assert.IsType<DataGuardException>(failure);
        Assert.Contains("register an ITenantDirectory", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_tenants_the_job_runs_once_at_platform_level_as_before()
    {
        var lines = Channel.CreateUnbounded<string>();
        await using var host = await RetentionHost.SqliteAsync(_folder, job: true, register: RetentionHost.LogTo(lines.Writer));
        await host.AddAsync(RetentionHost.Visit(host.Now.AddDays(-400)), RetentionHost.Visit(host.Now.AddDays(-1)));

        var log = await RetentionJobRun.OnceAsync(host.Services, lines.Reader);

        Assert.Contains("DataGuard retention job run: 1 rows deleted", log[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(log, static l => l.Contains("retention for tenant", StringComparison.Ordinal) || l.Contains("tenants", StringComparison.Ordinal));
        Assert.Equal(1, await host.WithContextAsync(db => db.Visits.CountAsync()));
        Assert.Null((await host.Retention.RunAsync(dryRun: true)).TenantId);
    }

    private Task<TenantDatabasesHost> StartAsync(Channel<string> lines, ITenantDirectory? directory, params string[] tenants)
        => TenantDatabasesHost.StartAsync(
            (tenant, o) => o.UseSqlite($"Data Source={_folder.File(tenant + ".db")}"),
            static b => b.AddRetentionJob(),
            services =>
            {
                services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddFakeLogging(o => o.OutputSink = line => lines.Writer.TryWrite(line)));
                if (directory is not null)
                {
                    services.AddSingleton(directory);
                }
            },
            tenants);

    private static CareCourse Course(string title, int daysAgo) => new() { Title = title, EndedAt = TenantDatabasesHost.Start.UtcDateTime.AddDays(-daysAgo) };

    private sealed class ListedTenants(params string[] tenants) : ITenantDirectory
    {
        public Task<IReadOnlyCollection<string>> ActiveTenantsAsync(CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyCollection<string>>(tenants);
    }
}
