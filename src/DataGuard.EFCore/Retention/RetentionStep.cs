using System.Linq.Expressions;
using DataGuard.Model;
using DataGuard.Retention;

namespace DataGuard.EFCore.Retention;

/// <summary>One step of a retention run: the target at <see cref="Index"/> in the plan's order of work, with the
/// policy the plan applies to it (the declared one or a configured override) and its cut-off.</summary>
internal sealed class RetentionStep(RetentionRun run, int index)
{
    public RetentionRun Run => run;

    public RetentionPlan Plan => run.Plan;

    public int Index => index;

    public RetentionTarget Target => run.Plan.Targets[index];

    /// <summary>The declared policy, or a configured override (<see cref="RetentionOptions.Overrides"/>).</summary>
    public RetentionPolicy Policy => run.Plan.Policy(index);

    public DateTimeOffset DueBefore => run.Plan.DueBefore(index);

    /// <summary>A report of the step with nothing done yet.</summary>
    public RetentionEntityReport Report(long due = 0, long held = 0, IReadOnlyList<string>? errors = null)
        => new() { Entity = Target.Name, Policy = Policy, DueBefore = DueBefore, Due = due, Held = held, Errors = errors ?? [] };

    /// <summary>The step's report when another instance holds its lease.</summary>
    public RetentionEntityReport Skipped()
    {
        RetentionLog.LogLeaseHeldElsewhere(run.Logger, Target.Name);
        return new() { Entity = Target.Name, Policy = Policy, DueBefore = DueBefore, Skipped = true };
    }

    /// <summary>Counts the rows of the step's entity type that <paramref name="body"/> selects (query filters off).</summary>
    public Task<long> CountAsync(Func<Expression, Expression?> body, CancellationToken cancellationToken)
        => Target.CountAsync(run.Context, Plan.Where(index, body), cancellationToken);
}
