using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// Carries out an <see cref="ErasureDecision"/> on one entity's rows with set-based statements, and reports what the
/// database did. Rows kept with their values lose their blind indexes first, so they can no longer be found by a
/// personal value.
/// </summary>
/// <param name="context">The erasure's context, inside its transaction.</param>
/// <param name="now">The erasure's start, stamped on anonymised rows.</param>
internal sealed class ErasureExecutor(DbContext context, DateTimeOffset now)
{
    /// <summary>Carries out <paramref name="decision"/> for <paramref name="step"/>.</summary>
    /// <returns>The entity's report, and the reports of the entities the database deleted rows of by cascade.</returns>
    public async Task<(ErasureEntityReport Entity, IReadOnlyList<ErasureEntityReport> Cascades)> ExecuteAsync(
        ErasureStep step,
        ErasureDecision decision,
        CancellationToken cancellationToken)
    {
        var target = step.Target;
        if (step.Value is not { } value)
        {
            return (Report(target, decision), []);
        }

        if (step.KeepsValues)
        {
            // A hold keeps every row (no cutoff), a retention minimum the rows inside it.
            await target.ClearBlindIndexesAsync(context, value, step.KeepFrom, cancellationToken).ConfigureAwait(false);
        }

        if (!decision.Acts)
        {
            return (Report(target, decision), []);
        }

        switch (decision.Action)
        {
            case ErasureAction.Delete:
                var deleted = await target.DeleteAsync(context, value, step.KeepFrom, cancellationToken).ConfigureAwait(false);
                ErasureEntityReport[] cascades = [.. decision.Cascaded.Select(c => new ErasureEntityReport
                {
                    Entity = c.Entity,
                    Action = ErasureAction.Delete,
                    Deleted = c.Rows,
                    Reasons = [$"deleted by the database's cascade from {target.Name}"],
                })];
                return (Report(target, decision, deleted: deleted), cascades);
            case ErasureAction.Anonymize:
                var anonymized = await target.AnonymizeAsync(context, value, step.KeepFrom, now.UtcDateTime, cancellationToken).ConfigureAwait(false);
                return (Report(target, decision, anonymized: anonymized), []);
            default:
                var shredded = await target.PrepareShredAsync(context, value, step.KeepFrom, cancellationToken).ConfigureAwait(false);
                return (Report(target, decision, shredded: shredded), []);
        }
    }

    private static ErasureEntityReport Report(SubjectTarget target, ErasureDecision decision, long deleted = 0, long anonymized = 0, long shredded = 0)
        => new()
        {
            Entity = target.Name, Action = decision.Action, Kept = decision.Kept, Reasons = decision.Reasons,
            Deleted = deleted, Anonymized = anonymized, Shredded = shredded,
        };
}
