using DataGuard.Audit;
using DataGuard.EFCore.Leases;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Retention;

/// <summary>What every step of one retention run works with: the store context (its connection held open for the run),
/// the run's <see cref="RetentionPlan"/> and <see cref="RetentionRunState"/>, the options read when the run began, and
/// the services that lease, audit and log.</summary>
internal sealed class RetentionRun
{
    public required DbContext Context { get; init; }

    public required RetentionPlan Plan { get; init; }

    public required RetentionRunState State { get; init; }

    public required DataGuardOptions Options { get; init; }

    public required JobLeases Leases { get; init; }

    public required IAuditTrail Audit { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    public bool DryRun => State.DryRun;

    public RetentionOptions Settings => Options.Retention;

    /// <summary>The lease <c>retention:&lt;entity&gt;</c>, so of several instances one works a policy at a time; renewed
    /// by a heartbeat while the step works.</summary>
    public LeaseRequest Lease(RetentionTarget target)
    {
        var name = LeaseNames.For("retention", target.Name);
        return new LeaseRequest(name, Settings.LeaseDuration)
        {
            RenewFailed = ex => RetentionLog.LogRenewFailed(Logger, name, ex),
            ReleaseFailed = ex => RetentionLog.LogReleaseFailed(Logger, name, ex),
        };
    }

    /// <summary>Records a committed batch, even when the run is being cancelled, so that the trail matches the data.</summary>
    public ValueTask RecordBatchAsync(string entity, string details)
        => Audit.RecordAsync(new AuditEvent(AuditActions.RetentionBatch) { EntityType = entity, Details = details }, CancellationToken.None);
}
