using System.Linq.Expressions;
using DataGuard.Model;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// How a delete or anonymise step's due rows split before it works them: held (their subject is under a legal hold),
/// refused by the database (<see cref="Blocked"/>: a foreign key that does not cascade), kept because their delete would
/// cascade to rows that must stay (<see cref="KeptBelow"/>), and left to a later step's delete (<see cref="Later"/>);
/// with the errors and reasons the report gives for them. The rest is what the step works.
/// </summary>
internal sealed class RetentionStepCounts
{
    public long Held { get; private set; }

    public long Blocked { get; private set; }

    public long KeptBelow { get; private set; }

    public long Later { get; private set; }

    public List<string> Errors { get; } = [];

    public List<string> Reasons { get; } = [];

    public static async Task<RetentionStepCounts> CountAsync(RetentionStep step, CancellationToken cancellationToken)
    {
        var (plan, index, type) = (step.Plan, step.Index, step.Target.EntityType);
        var none = Expression.Parameter(type.ClrType);
        var counts = new RetentionStepCounts();
        Expression NotHeld(Expression row)
            => plan.SubjectHeld(type, row) is { } h ? Expression.AndAlso(plan.Due(index, row), Expression.Not(h)) : plan.Due(index, row);
        if (plan.SubjectHeld(type, none) is not null)
        {
            counts.Held = await step.CountAsync(
                row => Expression.AndAlso(plan.Due(index, row), plan.SubjectHeld(type, row)!), cancellationToken).ConfigureAwait(false);
        }

        if (step.Policy.Then == RetentionAction.Delete)
        {
            if (plan.Restricted(index, none) is not null)
            {
                counts.Blocked = await step.CountAsync(
                    row => Expression.AndAlso(NotHeld(row), plan.Restricted(index, row)!), cancellationToken).ConfigureAwait(false);
            }

            if (plan.KeptBelow(index, none) is not null)
            {
                Expression NotRestricted(Expression row) => plan.Restricted(index, row) is { } r ? Expression.Not(r) : Expression.Constant(true);
                counts.KeptBelow = await step.CountAsync(
                    row => Expression.AndAlso(Expression.AndAlso(NotHeld(row), NotRestricted(row)), plan.KeptBelow(index, row)!),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        else if (plan.RemovedLater(index, none) is not null)
        {
            counts.Later = await step.CountAsync(
                row => Expression.AndAlso(NotHeld(row), plan.RemovedLater(index, row)!), cancellationToken).ConfigureAwait(false);
        }

        await counts.ExplainAsync(step, NotHeld, cancellationToken).ConfigureAwait(false);
        return counts;
    }

    private async Task ExplainAsync(RetentionStep step, Func<Expression, Expression> notHeld, CancellationToken cancellationToken)
    {
        if (Blocked > 0)
        {
            var by = new List<string>();
            foreach (var dependent in step.Plan.Restricting(step.Index))
            {
                if (await step.CountAsync(
                    row => Expression.AndAlso(notHeld(row), step.Plan.RestrictedBy(step.Index, dependent, row) ?? Expression.Constant(false)),
                    cancellationToken).ConfigureAwait(false) > 0)
                {
                    by.Add(step.Plan.Name(dependent));
                }
            }

            Errors.Add($"{step.Target.Name}: {Blocked} due rows were not deleted because rows of {string.Join(", ", by)} refer to them (or to rows their " +
                "delete would cascade to) through a foreign key that does not cascade (the database would refuse); " +
                $"give {(by.Count == 1 ? "that entity" : "those entities")} a retention policy (dependents are purged before their principals) or let the " +
                "foreign key cascade or set null.");
        }

        if (KeptBelow > 0)
        {
            Reasons.Add($"{KeptBelow} due rows were kept because deleting them would cascade to rows that a legal hold or a retention minimum keeps (counted " +
                "as held)");
        }

        if (Later > 0)
        {
            Reasons.Add($"{Later} due rows were left to a principal's retention later in this run, whose delete removes them by cascade (counted as purged " +
                "by cascade)");
        }
    }
}
