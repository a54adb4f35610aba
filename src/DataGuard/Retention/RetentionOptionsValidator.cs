using Microsoft.Extensions.Options;

namespace DataGuard.Retention;

/// <summary>Reports every problem in <see cref="DataGuardOptions.Retention"/> at once; runs beside the other validators of
/// <see cref="DataGuardOptions"/>, whose failures the options system collects into one exception. The batch size's limits
/// are a <c>[Range]</c> on <see cref="RetentionOptions.BatchSize"/>; hand-written here: lower bounds on time spans
/// (<c>[Range]</c> needs an upper bound too) and the entries of <see cref="RetentionOptions.Overrides"/>.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<DataGuardOptions>
{
    /// <summary>PostgreSQL and SQLite both bind at least this many parameters; a batch is one statement. The upper limit
    /// of <see cref="RetentionOptions.BatchSize"/>.</summary>
    internal const int MaxBatchSize = 100_000;

    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retention = options.Retention;
        var failures = new List<string>();
        if (retention.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{options.Setting("Retention.Interval")} is {retention.Interval}; it must be at least one second (the default is one hour).");
        }

        if (retention.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{options.Setting("Retention.LeaseDuration")} is {retention.LeaseDuration}; it must be at least one second (the default is 30 " +
                "seconds; a heartbeat renews it every third of it).");
        }

        foreach (var (entity, days) in retention.Overrides)
        {
            if (days is < 1 or > RetentionOptions.MaxOverrideDays)
            {
                failures.Add($"{options.Setting("Retention.Overrides." + entity)} is {days}; a retention period is between 1 " +
                    $"and {RetentionOptions.MaxOverrideDays:N0} days.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
