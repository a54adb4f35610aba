using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>EF Core's sensitive data logging writes parameter values, so personal data, into logs: DataGuard warns when
/// the host starts.</summary>
public sealed class SensitiveDataLoggingWarningTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private FakeLogCollector Start(bool sensitive)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDataGuard().UseEntityFrameworkStores<LoggedCustomersContext>();
        services.AddDbContext<LoggedCustomersContext>((sp, o) =>
        {
            o.UseSqlite($"Data Source={_folder.File("logged.db")}");
            o.UseDataGuard(sp);
            if (sensitive)
            {
                o.EnableSensitiveDataLogging();
            }
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetFakeLogCollector();
    }

    [Fact]
    public void Start_up_warns_when_a_DataGuard_context_has_sensitive_data_logging_on()
    {
        var logs = Start(sensitive: true);

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1010);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("SensitiveDataLoggingEnabled", warning.Id.Name);
        Assert.Contains(nameof(LoggedCustomersContext), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_is_quiet_when_sensitive_data_logging_is_off()
    {
        var logs = Start(sensitive: false);

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 1010);
    }
}
