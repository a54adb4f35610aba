using DataGuard.EFCore.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// What erasure knows about one entity's rows of the subject before it writes anything: how many there are, how many a
/// legal hold or a retention minimum keeps. Every step is read before the first statement of the erasure changes a row,
/// while every subject path is still intact, so that what one entity keeps (the subject's key, its principals) is known
/// to every other entity however the foreign keys run.
/// </summary>
internal sealed class ErasureStep
{
    private ErasureStep(SubjectTarget target, object? value)
    {
        Target = target;
        Value = value;
    }

    public SubjectTarget Target { get; }

    /// <summary>The subject id in the type of the entity's subject column; null when it cannot be one (no rows).</summary>
    public object? Value { get; }

    /// <summary>Every row of the subject in this entity.</summary>
    public long Total { get; private set; }

    /// <summary>The legal holds that keep every row of this entity (on the subject, or on the entity type).</summary>
    public IReadOnlyList<LegalHoldRecord> Holds { get; private set; } = [];

    /// <summary>The rows a legal hold keeps (all of them, or none).</summary>
    public long Held => Holds.Count > 0 ? Total : 0;

    /// <summary>The cutoff of the retention minimum: rows dated at or after it are kept; null without a minimum.</summary>
    public object? KeepFrom { get; private set; }

    /// <summary>The rows inside the retention minimum (0 when a hold keeps them all anyway).</summary>
    public long InsideMinimum { get; private set; }

    /// <summary>Whether rows of this entity stay with their personal values (a hold or a retention minimum), which keeps
    /// the subject's key alive.</summary>
    public bool KeepsValues => Held + InsideMinimum > 0;

    public static async Task<ErasureStep> ReadAsync(
        DbContext context,
        SubjectTarget target,
        SubjectId subject,
        IReadOnlyList<LegalHoldRecord> holds,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var step = new ErasureStep(target, SubjectValue.Parse(target.SubjectType, subject.Value));
        if (step.Value is not { } value)
        {
            return step;
        }

        step.Total = await target.CountAsync(context, value, null, null, cancellationToken).ConfigureAwait(false);
        if (step.Total == 0)
        {
            return step;
        }

        if (holds.Count > 0)
        {
            step.Holds = holds;
            return step;
        }

        if (target.Descriptor.Retention is { IsMinimum: true } minimum)
        {
            var from = target.EntityType.FindProperty(minimum.From)!.ClrType;
            step.KeepFrom = RetentionCutoff.For(minimum.DueBefore(now), Nullable.GetUnderlyingType(from) ?? from, context);
            step.InsideMinimum = await target.CountAsync(context, value, step.KeepFrom, true, cancellationToken).ConfigureAwait(false);
        }

        return step;
    }
}
