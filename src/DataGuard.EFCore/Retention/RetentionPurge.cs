using System.Linq.Expressions;
using DataGuard.Model;
using DataGuard.Retention;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// A step that deletes or anonymises its due rows: counts how they split (<see cref="RetentionStepCounts"/>), then
/// works them, simulated in a dry run (<see cref="RetentionDryRun"/>) or batch after batch under the policy's lease
/// (<see cref="RetentionBatches"/>), and reports what it did.
/// </summary>
internal static class RetentionPurge
{
    public static async Task<RetentionEntityReport> RunAsync(RetentionStep step, CancellationToken cancellationToken)
    {
        var run = step.Run;
        var entityHeld = step.Plan.IsHeld(step.Target.EntityType);

        // A real run counts its due rows as the sum of what it did and kept, so that (without holds or foreign keys in
        // the way) it sends nothing but its batches; a dry run counts them.
        long? due = null;
        if (entityHeld || run.DryRun)
        {
            due = await step.CountAsync(row => step.Plan.Due(step.Index, row), cancellationToken).ConfigureAwait(false);
            if (entityHeld || due == 0)
            {
                return step.Report(due.Value, entityHeld ? due.Value : 0);
            }
        }

        var counts = await RetentionStepCounts.CountAsync(step, cancellationToken).ConfigureAwait(false);
        var works = step.Plan.Where(step.Index, row => step.Plan.Works(step.Index, row));
        long done;
        if (run.DryRun)
        {
            done = await RetentionDryRun.WorkAsync(step, works, cancellationToken).ConfigureAwait(false);
        }
        else if (await RetentionBatches.WorkAsync(step, works, counts.Errors, cancellationToken).ConfigureAwait(false) is { } worked)
        {
            done = worked;
        }
        else
        {
            return step.Skipped();
        }

        var anonymize = step.Policy.Then == RetentionAction.Anonymize;
        return new RetentionEntityReport
        {
            Entity = step.Target.Name, Policy = step.Policy, DueBefore = step.DueBefore,
            Due = due ?? done + counts.Held + counts.Blocked + counts.KeptBelow + counts.Later, Held = counts.Held + counts.KeptBelow,
            Purged = anonymize ? 0 : done, Anonymized = anonymize ? done : 0, Errors = counts.Errors, Reasons = counts.Reasons,
        };
    }
}
