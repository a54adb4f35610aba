using DataGuard.Tenants.Lifecycle;

namespace DataGuard.Tests.Tenants.Lifecycle;

/// <summary>The offboarding options and the job's schedule are checked at start-up, with a message that names the option.</summary>
public sealed class TenantOffboardingOptionsValidatorTests
{
    [Theory]
    [InlineData("handover")]
    [InlineData("")]
    public void A_handover_directory_that_is_not_an_absolute_path_is_refused(string directory)
    {
        var result = new TenantOffboardingOptionsValidator().Validate(null, new TenantOffboardingOptions { HandoverArchiveDirectory = directory });

        Assert.True(result.Failed);
        Assert.Contains("HandoverArchiveDirectory must be an absolute path", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_handover_directory_or_an_absolute_one_is_accepted()
    {
        var validator = new TenantOffboardingOptionsValidator();

        Assert.True(validator.Validate(null, new TenantOffboardingOptions()).Succeeded);
        Assert.True(validator.Validate(null, new TenantOffboardingOptions { HandoverArchiveDirectory = Path.GetTempPath() }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50 * 24)]
    public void A_job_interval_that_is_not_positive_or_longer_than_49_days_is_refused(int hours)
    {
        var result = new TenantOffboardingJobOptionsValidator().Validate(null, new TenantOffboardingJobOptions { Interval = TimeSpan.FromHours(hours) });

        Assert.True(result.Failed);
        Assert.Contains("TenantOffboardingJobOptions.Interval", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new TenantOffboardingJobOptionsValidator().Validate(null, new TenantOffboardingJobOptions()).Succeeded);
    }
}
