using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>
/// Data-subject requests are answered in time: Unhealthy when an open request is past its deadline (GDPR Art. 12(3)),
/// Degraded when one is due within <see cref="OperationsOptions.RequestDueWarning"/>. Counts only, never subjects.
/// </summary>
internal sealed class SubjectRequestsHealthCheck(IServiceScopeFactory scopes, IOptionsMonitor<DataGuardOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<ISubjectRequestStore>() is not { } store)
        {
            return HealthCheckResult.Healthy("Request tracking has no store (UseEntityFrameworkStores<TContext>() was not called).");
        }

        var counts = await SubjectRequestCounts.ReadAsync(
            store, time.GetUtcNow(), options.CurrentValue.Operations.RequestDueWarning, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["open"] = counts.Open, ["overdue"] = counts.Overdue, ["dueSoon"] = counts.DueSoon };
        if (counts.Overdue > 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{counts.Overdue} data-subject requests are past their deadline.", data: data);
        }

        return counts.DueSoon > 0
            ? HealthCheckResult.Degraded(
                $"{counts.DueSoon} data-subject requests are due within {options.CurrentValue.Operations.RequestDueWarning}.", data: data)
            : HealthCheckResult.Healthy($"{counts.Open} data-subject requests open, none overdue.", data);
    }
}
