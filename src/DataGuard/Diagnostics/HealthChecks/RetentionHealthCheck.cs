using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>
/// The retention job runs: Degraded when its last successful run (or its start, before the first run) is older than
/// <see cref="OperationsOptions.RetentionRunMaxAge"/> (three intervals unless set) or its latest run failed, Unhealthy
/// after twice that age (rows are kept past their period). Healthy when no retention job is scheduled here.
/// </summary>
internal sealed class RetentionHealthCheck(RetentionRunState? state, IOptionsMonitor<DataGuardOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No retention job runs in this instance (AddRetentionJob() was not called)."));
        }

        var settings = options.CurrentValue;
        var maxAge = settings.Operations.RetentionRunMaxAge ?? settings.Retention.Interval * 3;
        var reference = state.LastSuccess ?? state.Since;
        var age = time.GetUtcNow() - reference;
        var data = new Dictionary<string, object> { ["sinceLastSuccess"] = age };
        if (state.LastSuccess is { } success)
        {
            data["lastSuccess"] = success;
        }

        if (state.LastFailure is { } failure)
        {
            data["lastFailure"] = failure;
        }

        var what = state.LastSuccess is null ? "has not completed a run since it started" : "last completed a run";
        HealthCheckResult result;
        if (age > maxAge * 2)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"The retention job {what} {age} ago (more than twice {maxAge}): rows may be " +
                "kept past their period.", data: data);
        }
        else if (age > maxAge)
        {
            result = HealthCheckResult.Degraded($"The retention job {what} {age} ago (more than {maxAge}).", data: data);
        }
        else if (state.LastFailure > state.LastSuccess || (state.LastFailure is not null && state.LastSuccess is null))
        {
            result = HealthCheckResult.Degraded(
                "The retention job's latest run failed; it runs again at the next interval (see its log, event 1301).", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy($"The retention job {what} {age} ago.", data);
        }

        return Task.FromResult(result);
    }
}
