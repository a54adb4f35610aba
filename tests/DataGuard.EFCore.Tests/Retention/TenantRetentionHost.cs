using System.Globalization;
using System.Threading.Channels;
using DataGuard.Audit;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>A shared-database application with tenants (<see cref="TenantRetentionContext"/>), subject keys and the
/// retention job, wired as a user would, on a fake clock; every log line is kept.</summary>
internal sealed class TenantRetentionHost : DataGuardTestHost<TenantRetentionContext>
{
    public static readonly DateTime Now = Start.UtcDateTime;

    private readonly Channel<string> _lines;

    private TenantRetentionHost(Parts parts, Channel<string> lines)
        : base(parts)
    {
        _lines = lines;
    }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    /// <param name="database">The shared database.</param>
    /// <param name="dataProtection">Shared by hosts on one database (a restart).</param>
    /// <param name="audit">The tamper-evident audit trail in the database instead of the recording one.</param>
    /// <param name="dataGuard">More of DataGuard (a tenant's own key wrapper).</param>
    /// <param name="create">Whether to create the database.</param>
    public static Task<TenantRetentionHost> StartAsync(Action<DbContextOptionsBuilder> database, IDataProtectionProvider? dataProtection = null,
        bool audit = false, Action<IDataGuardBuilder>? dataGuard = null, bool create = true)
    {
        var lines = Channel.CreateUnbounded<string>();
        return StartAsync(
            Setup.WithSubjectKeys(database, dataProtection, create, null) with
            {
                DataGuard = b =>
                {
                    if (audit)
                    {
                        b.Services.RemoveAll<IAuditTrail>();
                        b.AddAuditing();
                    }

                    dataGuard?.Invoke(b);
                    b.AddRetentionJob();
                },
                Register = services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddFakeLogging(
                    o => o.OutputSink = line => lines.Writer.TryWrite(line))),
            },
            parts => new TenantRetentionHost(parts, lines));
    }

    /// <summary>Starts the scheduled job, waits for its first run to end, stops it.</summary>
    /// <returns>The log lines up to the job's own line about the run.</returns>
    public Task<List<string>> RunJobAsync() => RetentionJobRun.OnceAsync(Services, _lines.Reader);

    /// <summary>Adds rows inside <paramref name="tenant"/>'s scope.</summary>
    public async Task AddAsync(string tenant, params object[] entities)
    {
        using (Tenants.Begin(tenant))
        {
            await AddAsync(entities);
        }
    }

    /// <summary>Reads one text column of every row with plain SQL, sorted (the tests compare sets of tenants).</summary>
    public async Task<List<string?>> ColumnAsync(string table, string column, string where = "1 = 1")
        => (await base.ColumnAsync(table, column, where, orderBy: null)).Order(StringComparer.Ordinal).ToList();

    public static TenantVisit Visit(Guid person, int daysAgo) => new() { PersonId = person, Page = "/pricing", VisitedAt = Now.AddDays(-daysAgo) };

    public static TenantMember Member(Guid person, int daysAgo)
        => new() { PersonId = person, Email = "ana@example.com", Country = "PT", JoinedAt = Now.AddDays(-daysAgo) };

    public static TenantDevice Device(Guid person, int daysAgo) => new() { PersonId = person, Name = "Ana's phone", LastSeenAt = Now.AddDays(-daysAgo) };
}
