using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Retention;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>An application with retention, wired as a user would, on a fake clock; its audit trail and SQL are recorded.</summary>
internal sealed class RetentionHost : DataGuardTestHost<RetentionContext>
{
    private RetentionHost(Parts parts)
        : base(parts)
    {
    }

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static Task<RetentionHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null,
        FakeTimeProvider? clock = null, IDataProtectionProvider? dataProtection = null, bool create = true, bool job = false,
            Action<IServiceCollection>? register = null)
        => StartAsync(
            new Setup(database)
            {
                Configure = configure, Clock = clock, DataProtection = dataProtection, Create = create, Register = register,
                DataGuard = job ? static b => b.AddRetentionJob() : null,
            },
            static parts => new RetentionHost(parts));

    public static Task<RetentionHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null, bool job = false,
        Action<IServiceCollection>? register = null)
        => StartAsync(o => o.UseSqlite($"Data Source={folder.File("retention.db")}"), configure, job: job, register: register);

    /// <summary>Sends every log line of the host to <paramref name="lines"/> (debug level and up).</summary>
    public static Action<IServiceCollection> LogTo(System.Threading.Channels.ChannelWriter<string> lines)
        => services
            => services.AddLogging(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug).AddFakeLogging(
                o => o.OutputSink = line => lines.TryWrite(line)));

    public static Visit Visit(DateTime visitedAt, Guid? member = null)
        => new() { MemberId = member ?? Guid.NewGuid(), IpAddress = "203.0.113.7", Page = "/pricing", VisitedAt = visitedAt };

    public static Member Member(DateTime joinedAt) => new()
    {
        Id = Guid.NewGuid(), Email = "ana.silva@example.com", Phone = "+351 912 345 678", Nickname = "ana", BirthDate = new DateOnly(1990, 5, 17),
        Country = "PT", Points = 42, JoinedAt = joinedAt,
    };
}
