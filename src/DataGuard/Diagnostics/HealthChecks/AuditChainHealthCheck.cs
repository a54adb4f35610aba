using DataGuard.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>
/// The audit chain verifies from its start (or signed checkpoint) to its head: Unhealthy when it is broken (an entry
/// modified, removed, inserted or reordered; the result names the sequence), Healthy otherwise. The chain is verified
/// again once the last verification is older than <see cref="OperationsOptions.AuditVerificationMaxAge"/>; between
/// times the check reports the last result. Healthy without auditing.
/// </summary>
internal sealed class AuditChainHealthCheck(
    IAuditVerifier? verifier,
    AuditVerificationCache cache,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (verifier is null)
        {
            return HealthCheckResult.Healthy("Auditing is off (AddAuditing() was not called).");
        }

        var (report, at) = await cache.GetAsync(
            verifier, time, options.CurrentValue.Operations.AuditVerificationMaxAge, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["verifiedAt"] = at, ["entriesVerified"] = report.EntriesVerified, ["verifiedFrom"] = report.VerifiedFrom };
        if (!report.IsIntact)
        {
            data["firstBrokenSequence"] = report.FirstBrokenSequence!.Value;
            return new HealthCheckResult(context.Registration.FailureStatus, report.ToString(), data: data);
        }

        return HealthCheckResult.Healthy(report.ToString(), data);
    }
}
