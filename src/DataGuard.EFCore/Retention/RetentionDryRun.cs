using System.Linq.Expressions;
using DataGuard.Model;

namespace DataGuard.EFCore.Retention;

/// <summary>A dry run's step: counts the rows the step would work and, for a delete, what its deletes would do to
/// dependents, so the run's state simulates it for the later steps (see <see cref="RetentionPlan"/>).</summary>
internal static class RetentionDryRun
{
    public static async Task<long> WorkAsync(RetentionStep step, LambdaExpression works, CancellationToken cancellationToken)
    {
        var run = step.Run;
        var done = await step.Target.CountAsync(run.Context, works, cancellationToken).ConfigureAwait(false);
        if (step.Policy.Then != RetentionAction.Anonymize && done > 0)
        {
            var rows = step.Target.Batch(run.Context, works, int.MaxValue);
            var effects = await step.Plan.DependentsAsync(rows, step.Target.EntityType, step.Index, null, cancellationToken).ConfigureAwait(false);
            run.State.Add(effects, step.Target, step.Policy, step.DueBefore, step.Plan);
        }

        return done;
    }
}
