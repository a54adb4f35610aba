using Microsoft.Extensions.Options;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>Validates <see cref="TenantOffboardingJobOptions"/> at start-up.</summary>
internal sealed class TenantOffboardingJobOptionsValidator : IValidateOptions<TenantOffboardingJobOptions>
{
    /// <summary>The longest period <see cref="PeriodicTimer"/> accepts (uint.MaxValue - 1 milliseconds, about 49.7 days).</summary>
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(49);

    public ValidateOptionsResult Validate(string? name, TenantOffboardingJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Interval <= TimeSpan.Zero || options.Interval > MaxInterval
            ? ValidateOptionsResult.Fail(
                $"TenantOffboardingJobOptions.Interval must be positive and at most {MaxInterval.TotalDays:0} days; it is {options.Interval}.")
            : ValidateOptionsResult.Success;
    }
}
