using DataGuard.EFCore.Retention;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// The one place that decides, per entity, what erasure does to the subject's rows. In order: a legal hold keeps every
/// row; a retention minimum keeps the rows inside it; shredding falls back when the subject's key cannot be destroyed;
/// a delete falls back to anonymising (or keeping, when the entity has no personal field to clear) when rows that stay
/// refer to these rows, or when rows erasure does not reach refer to them through a foreign key that does not cascade.
/// Nothing is written here: only the foreign-key check before a delete reads the database.
/// </summary>
/// <param name="context">The erasure's context, inside its transaction.</param>
/// <param name="noShred">Why this erasure cannot shred (the action falls back to anonymise or delete); null when it can.</param>
/// <param name="left">Per entity already worked, the subject's rows still there and those of them kept with their values.</param>
internal sealed class ErasureDecider(DbContext context, string? noShred, IReadOnlyDictionary<IEntityType, (long Rows, long WithValues)> left)
{
    public async Task<ErasureDecision> DecideAsync(ErasureStep step, CancellationToken cancellationToken)
    {
        var target = step.Target;
        var configured = target.Descriptor.Erasure;
        if (step.Value is not { } value || step.Total == 0)
        {
            return new ErasureDecision { Action = configured };
        }

        if (step.Held > 0)
        {
            // The hold's reason is staff's free text (it may name people or cases), so the report, which the subject
            // receives, names the hold only.
            return new ErasureDecision
            {
                Action = configured,
                Kept = step.Held,
                Reasons = [.. step.Holds.Select(static h => $"legal hold {h.Id} ({(h.SubjectId is null ? "on the entity type" : "on the subject")})")],
            };
        }

        var reasons = new List<string>();
        if (step.InsideMinimum > 0 && target.Descriptor.Retention is { } minimum)
        {
            reasons.Add($"retention minimum ({minimum.LegalRequirement}): rows are kept until {minimum.Days} days after {minimum.From}");
        }

        if (step.InsideMinimum == step.Total)
        {
            return new ErasureDecision { Action = configured, Kept = step.InsideMinimum, Reasons = reasons };
        }

        var cannotShred = configured == ErasureAction.Shred && noShred is not null;
        var action = !cannotShred ? configured : target.Descriptor.Fields.Count > 0 ? ErasureAction.Anonymize : ErasureAction.Delete;
        var decision = action == ErasureAction.Delete
            ? await DecideDeleteAsync(step, value, [.. reasons], cancellationToken).ConfigureAwait(false)
            : new ErasureDecision { Action = action, Acts = true, Kept = step.InsideMinimum, Reasons = reasons };
        if (!cannotShred)
        {
            return decision;
        }

        // Named after the outcome: the delete that replaces shredding may itself give way to keeping the rows.
        var outcome = !decision.Acts ? "kept" : decision.Action == ErasureAction.Anonymize ? "anonymised" : "deleted";
        return decision with { Reasons = [.. reasons, $"{noShred}, so the rows were {outcome} instead of shredded", .. decision.Reasons.Skip(reasons.Count)] };
    }

    /// <summary>A delete goes ahead only when no row that stays refers to these rows and no foreign key would make the
    /// database refuse; otherwise the rows are anonymised, or kept when the entity has nothing personal to clear.</summary>
    private async Task<ErasureDecision> DecideDeleteAsync(ErasureStep step, object value, List<string> reasons, CancellationToken cancellationToken)
    {
        var target = step.Target;
        if (StayingDependents(target) is { Count: > 0 } dependents)
        {
            // Deleting would cascade to (or be refused by, or cut from the subject) rows that stay: kept, anonymised or
            // shredded ones, and the principals kept for them, up the whole chain of foreign keys.
            return InsteadOfDelete(step, reasons, $"rows of {string.Join(", ", dependents)} that stay refer to these rows");
        }

        // Which rows erasure does not reach (other entities', other subjects') still refer to these? A cascade would
        // delete them, so they are counted and reported; a foreign key that does not cascade would make the database
        // refuse, so the rows are anonymised or kept instead, with the reason.
        var (cascaded, restricting) = await ForeignKeyImpact.AnalyzeAsync(
            context, target.DeletableRows(context, value, step.KeepFrom), target.EntityType, cancellationToken).ConfigureAwait(false);
        return restricting.Count > 0
            ? InsteadOfDelete(step, reasons, $"rows of {string.Join(", ", restricting)} that this erasure does not delete refer to these rows through a " +
                "foreign key that does not cascade")
            : new ErasureDecision { Action = ErasureAction.Delete, Acts = true, Kept = step.InsideMinimum, Reasons = reasons, Cascaded = cascaded };
    }

    private static ErasureDecision InsteadOfDelete(ErasureStep step, List<string> reasons, string why)
    {
        var anonymize = step.Target.Descriptor.Fields.Count > 0;
        reasons.Add($"{why}, so they were {(anonymize ? "anonymised instead of deleted" : "kept")}");
        return anonymize
            ? new ErasureDecision { Action = ErasureAction.Anonymize, Acts = true, Kept = step.InsideMinimum, Reasons = reasons }
            : new ErasureDecision { Action = ErasureAction.Delete, Kept = step.Total, Reasons = reasons };
    }

    /// <summary>The entities already worked whose rows of the subject stay and refer to <paramref name="target"/>: through
    /// a foreign key that cascades or restricts, any row that stays (deleting the principal would delete it with the
    /// values the report says were kept or cleared, or the database would refuse); through a set-null one, rows kept
    /// with their values (deleting the principal would cut them from their subject: their path, or their own subject
    /// column, and with subject keys the key they are encrypted under).</summary>
    private List<string> StayingDependents(SubjectTarget target)
        => [.. target.EntityType.GetReferencingForeignKeys()
            .Where(fk => fk.DeclaringEntityType != target.EntityType && left.TryGetValue(fk.DeclaringEntityType, out var rows)
                && (fk.DeleteBehavior == DeleteBehavior.SetNull ? rows.WithValues : rows.Rows) > 0)
            .Select(static fk => fk.DeclaringEntityType.DisplayName())
            .Distinct(StringComparer.Ordinal)];
}
