using DataGuard.Audit;
using DataGuard.Retention;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>A retention service whose real run commits one batch (recorded on the audit trail, as the EF Core service
/// records each batch) and then waits for the test to let it finish, so a page can be looked at mid-run.</summary>
internal sealed class GatedRetentionService(IAuditTrail audit) : IRetentionService
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource BatchRecorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<RetentionReport> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        if (!dryRun)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.RetentionBatch) { EntityType = "ShopOrder",
                Details = "40 rows deleted by retention (30 days from CreatedAt)" }, cancellationToken);
            BatchRecorded.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        return new RetentionReport { DryRun = dryRun, StartedAt = started, CompletedAt = DateTimeOffset.UtcNow, Entities = [] };
    }
}
