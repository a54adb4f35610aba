using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Leases;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using DataGuard.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Retention;

/// <summary><c>Then = Shred</c>: the rows stay, their subjects' keys are destroyed (crypto-shredding), so the rows'
/// encrypted fields become unreadable here and in every copy. Subjects are read a page at a time from the due rows
/// (held subjects and held entities excluded; <see cref="RetentionShredPage"/> works a page); those shredded by an
/// earlier run are skipped, so a rerun does nothing new, while a subject an earlier policy of this run shredded has its
/// rows here cleared and counted too. Due rows without a subject have no key to destroy: they are anonymised (and
/// marked), and counted as anonymised. Batches, pages and the lease follow the shared <see cref="LeasedJob"/> loop.</summary>
internal sealed class RetentionShredding
{
    private readonly RetentionStep _step;
    private readonly RetentionShredPage _pages;
    private readonly List<string> _errors = [];
    private readonly long _due;
    private long _withoutSubject;

    private RetentionShredding(RetentionStep step, RetentionShredPage pages, long due)
    {
        _step = step;
        _pages = pages;
        _due = due;
    }

    public static async Task<RetentionEntityReport> RunAsync(RetentionStep step, CancellationToken cancellationToken)
    {
        var (run, target, plan) = (step.Run, step.Target, step.Plan);

        // One key covers every row of a subject: a hold on any entity type subjects own holds the shredding too.
        var entityHeld = plan.IsHeld(target.EntityType)
            || run.Context.Model.GetPersonalDataModel().Entities.Any(e => e.IsReachableBySubject && plan.IsHeld(e.Name));
        var heldSubjects = target.HasSubject ? plan.HeldSubjects.ToHashSet(StringComparer.Ordinal) : [];
        var due = await target.CountDueAsync(run.Context, step.DueBefore, null, cancellationToken).ConfigureAwait(false);
        var held = entityHeld
            ? due
            : heldSubjects.Count == 0 ? 0 : await target.CountDueAsync(run.Context, step.DueBefore, heldSubjects, cancellationToken).ConfigureAwait(false);
        if (entityHeld || due == held)
        {
            return step.Report(due, held);
        }

        var services = EncryptionServices.ApplicationServices(run.Context);
        if (!run.Options.Encryption.SubjectKeys || services.GetService<IKeyStore>() is not ISubjectKeyStore store)
        {
            RetentionLog.LogShredUnavailable(run.Logger, target.Name);
            return step.Report(due, held, [$"{target.Name}: Then = Shred destroys subject keys, which need Encryption.SubjectKeys = true (and a key store " +
                $"that keeps them); {due - held} due rows were left unchanged."]);
        }

        await using var job = run.DryRun ? null : await run.Leases.TryStartAsync(run.Lease(target), run.Context, cancellationToken).ConfigureAwait(false);
        if (!run.DryRun && job is null)
        {
            return step.Skipped();
        }

        var pages = new RetentionShredPage(step, store, services.GetRequiredService<IKeyManager>(), heldSubjects) { Held = held };
        var shredding = new RetentionShredding(step, pages, due);
        await shredding.WorkAsync(job, cancellationToken).ConfigureAwait(false);
        return shredding.Report();
    }

    private async Task WorkAsync(LeasedJob? job, CancellationToken cancellationToken)
    {
        var (run, target) = (_step.Run, _step.Target);
        try
        {
            if (!await WithoutSubjectAsync(job, cancellationToken).ConfigureAwait(false)
                || !await LeasedJob.RunBatchesAsync(job, _pages.NextAsync, cancellationToken).ConfigureAwait(false))
            {
                RetentionLog.LogLeaseLost(run.Logger, target.Name);
                _errors.Add($"{target.Name}: this instance lost the retention lease; the instance that took it over finishes the work.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RetentionLog.LogFailed(run.Logger, target.Name, ex);
            _errors.Add($"{target.Name}: shredding failed with {ex.GetType().Name} after {_pages.Subjects} subjects; those stay shredded and the next run " +
                "continues (details in the log, event 1305).");
        }
    }

    /// <summary>Anonymises (a dry run counts) the due rows without a subject; <see langword="false"/> when the lease
    /// was lost between batches.</summary>
    private async Task<bool> WithoutSubjectAsync(LeasedJob? job, CancellationToken cancellationToken)
    {
        var (run, target, policy) = (_step.Run, _step.Target, _step.Policy);
        if (run.DryRun)
        {
            _withoutSubject = await target.CountDueWithoutSubjectAsync(run.Context, _step.DueBefore, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var batchSize = run.Settings.BatchSizeFor(RetentionConnectionScope.IsSqlite(run.Context));
        return await LeasedJob.RunBatchesAsync(
            job,
            async ct =>
            {
                var anonymized = await target.AnonymizeDueWithoutSubjectAsync(run.Context, _step.DueBefore, batchSize, _pages.Now, ct).ConfigureAwait(false);
                if (anonymized > 0)
                {
                    _withoutSubject += anonymized;
                    RetentionLog.LogBatch(run.Logger, target.Name, "anonymised (no subject, so no key to shred)", anonymized, _withoutSubject);
                    await run.RecordBatchAsync(target.Name, $"{anonymized} rows without a subject anonymised by retention ({policy.Days} days " +
                        $"from {policy.From}, Then = Shred)").ConfigureAwait(false);
                }

                return anonymized == batchSize;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private RetentionEntityReport Report() => new()
    {
        Entity = _step.Target.Name, Policy = _step.Policy, DueBefore = _step.DueBefore, Due = _due, Held = _pages.Held,
        Shredded = _pages.Rows, SubjectsShredded = _pages.Subjects, Anonymized = _withoutSubject, Errors = _errors,
        Reasons = _withoutSubject > 0 ? [$"{_withoutSubject} due rows have no subject, so no subject key to destroy: they were anonymised instead"] : [],
    };
}
