using DataGuard.EFCore.Retention;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// Erasure's work inside its one transaction: every entity's rows of the subject are counted (and what holds and
/// minimums keep) before the first statement changes anything, then each entity is decided
/// (<see cref="ErasureDecider"/>) and worked (<see cref="ErasureExecutor"/>), dependents first, and all of it commits or
/// none of it does.
/// </summary>
/// <param name="context">The erasure's context.</param>
/// <param name="subject">The subject, in the model's spelling.</param>
/// <param name="subjectIds">The model's canonical spelling, to match holds stored under another.</param>
/// <param name="started">The erasure's start: the retention minimum's cutoff and the anonymisation stamp.</param>
internal sealed class SubjectErasure<TContext>(TContext context, SubjectId subject, SubjectIdCanonicalizer subjectIds, DateTimeOffset started)
    where TContext : DbContext
{
    private const string SubjectKeysOff = "subject keys are off (Encryption.SubjectKeys)";
    private const string KeyStillNeeded = "other rows of the subject are kept and stay encrypted under the subject's key";

    /// <summary>Erases the subject's rows of <paramref name="targets"/> (in dependents-first order) and commits.</summary>
    /// <returns>One report per entity, then one per entity the database deleted rows of by cascade.</returns>
    public Task<List<ErasureEntityReport>> RunAsync(IReadOnlyList<SubjectTarget> targets, bool subjectKeys, CancellationToken cancellationToken)
        => context.Database.CreateExecutionStrategy().ExecuteAsync(ct => RunOnceAsync(targets, subjectKeys, ct), cancellationToken);

    private async Task<List<ErasureEntityReport>> RunOnceAsync(IReadOnlyList<SubjectTarget> targets, bool subjectKeys, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var steps = await ReadStepsAsync(targets, cancellationToken).ConfigureAwait(false);

        // The subject's key is one for all of their rows: while any row is kept with its values (a retention minimum, a
        // hold), it must stay readable, so entities that would have been shredded are anonymised.
        var noShred = !subjectKeys ? SubjectKeysOff : steps.Any(static s => s.KeepsValues) ? KeyStillNeeded : null;
        var reports = await WorkAsync(steps, noShred, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reports;
    }

    /// <summary>Every entity's step, read while every subject path is intact, so what one entity keeps is known to all.</summary>
    private async Task<List<ErasureStep>> ReadStepsAsync(IReadOnlyList<SubjectTarget> targets, CancellationToken cancellationToken)
    {
        // Holds are read inside the transaction, so a hold placed before the erasure commits is not missed.
        var holds = await EntityFrameworkLegalHoldService<TContext>.ActiveAsync(context, cancellationToken).ConfigureAwait(false);
        // A hold stored under another spelling (placed before holds were canonical) still holds the subject.
        var subjectHolds = holds.Where(h => subjectIds.TryCanonicalize(h.SubjectId, out var held) && held == subject).ToList();
        var steps = new List<ErasureStep>(targets.Count);
        foreach (var target in targets)
        {
            List<LegalHoldRecord> holdsOn = [.. subjectHolds, .. holds.Where(h => string.Equals(h.EntityType, target.Name, StringComparison.Ordinal))];
            steps.Add(await ErasureStep.ReadAsync(context, target, subject, holdsOn, started, cancellationToken).ConfigureAwait(false));
        }

        return steps;
    }

    private async Task<List<ErasureEntityReport>> WorkAsync(List<ErasureStep> steps, string? noShred, CancellationToken cancellationToken)
    {
        var reports = new List<ErasureEntityReport>(steps.Count);
        var cascades = new List<ErasureEntityReport>();

        // Per entity already worked: the subject's rows still there, and those of them kept with their values.
        var left = new Dictionary<IEntityType, (long Rows, long WithValues)>();
        var decider = new ErasureDecider(context, noShred, left);
        var executor = new ErasureExecutor(context, started);
        foreach (var step in steps)
        {
            var decision = await decider.DecideAsync(step, cancellationToken).ConfigureAwait(false);
            var (entity, cascaded) = await executor.ExecuteAsync(step, decision, cancellationToken).ConfigureAwait(false);
            reports.Add(entity);
            cascades.AddRange(cascaded);
            left[step.Target.EntityType] = (step.Total - entity.Deleted, entity.Kept);
        }

        // Rows the database deleted by cascade are reported after the entities worked, each under its own name.
        reports.AddRange(cascades);
        return reports;
    }
}
