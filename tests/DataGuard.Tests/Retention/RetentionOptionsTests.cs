using DataGuard.Model;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void Every_retention_options_problem_is_reported_at_start_up_at_once()
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Purposes.Add("news letter", notice: "1")).AddRetentionJob(r =>
        {
            r.BatchSize = 0;
            r.Interval = TimeSpan.Zero;
            r.LeaseDuration = TimeSpan.FromMilliseconds(10);
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(4, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("Retention.BatchSize must be between 1 and 100000", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Retention.Interval is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Retention.LeaseDuration is 00:00:00.0100000", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Purposes: 'news letter'", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_retention_options_are_valid()
    {
        var services = new ServiceCollection();
        services.AddDataGuard();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var retention = provider.GetRequiredService<IOptions<DataGuardOptions>>().Value.Retention;
        Assert.Equal((10_000, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)), (retention.BatchSize, retention.Interval, retention.LeaseDuration));
    }

    [Fact]
    public void The_retention_job_without_a_retention_service_fails_when_the_host_starts_and_says_what_to_call()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddRetentionJob().AddRetentionJob();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetServices<IHostedService>().ToList());

        Assert.Contains("UseEntityFrameworkStores", ex.Message, StringComparison.Ordinal);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null);
    }

    [Property]
    public void A_row_is_due_exactly_when_its_age_exceeds_the_period(int minutesFromNow, short ticks)
    {
        var policy = Assert.Single(PersonalDataModel.FromTypes(typeof(Kept)).Entities).Retention!;
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var from = now.AddDays(-30).AddMinutes(minutesFromNow % 100_000).AddTicks(ticks);

        var dueBefore = policy.DueBefore(now);

        Assert.Equal(now - TimeSpan.FromDays(30), dueBefore);
        Assert.Equal(now - from > policy.Period, from < dueBefore);
    }

    [Retain(Days = 30, From = nameof(CreatedAt))]
    private sealed class Kept
    {
        [DataSubject] public Guid Id { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
