using DataGuard.Keys;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// The subject pages of a shredding step, one page a call to <see cref="NextAsync"/>: the distinct subjects of due rows
/// not held, less those an earlier run shredded and those a retention minimum still keeps (in any entity, this one
/// included: a subject's key is one for all of their rows, so their due rows count as held). The rest have the rows here
/// cleared of what destroying a key does not reach, then their keys destroyed (in a dry run: counted).
/// </summary>
internal sealed class RetentionShredPage
{
    private readonly RetentionStep _step;
    private readonly ISubjectKeyStore _store;
    private readonly IKeyManager _keys;
    private readonly IReadOnlyCollection<string> _heldSubjects;
    private readonly List<RetentionTarget> _minimums;
    private int _skip;

    public RetentionShredPage(RetentionStep step, ISubjectKeyStore store, IKeyManager keys, IReadOnlyCollection<string> heldSubjects)
    {
        _step = step;
        _store = store;
        _keys = keys;
        _heldSubjects = heldSubjects;
        _minimums = RetentionTarget.For(step.Run.Context.Model).Where(static t => t.Policy.IsMinimum && t.HasSubject).ToList();
        Now = step.Run.Time.GetUtcNow();
    }

    /// <summary>When the step began working (retention minimums are measured from it; anonymised rows are marked with it).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Due rows held so far: those of held subjects, and those of subjects a retention minimum keeps.</summary>
    public long Held { get; set; }

    /// <summary>Rows shredded (in a dry run, that would be).</summary>
    public long Rows { get; private set; }

    /// <summary>Subjects whose keys were destroyed (in a dry run, would be), each counted once per run.</summary>
    public long Subjects { get; private set; }

    /// <summary>Works the next page of subjects; <see langword="false"/> when it was the last.</summary>
    public async Task<bool> NextAsync(CancellationToken cancellationToken)
    {
        var (run, target) = (_step.Run, _step.Target);
        var pageSize = run.Settings.BatchSize; // subjects a page: the configured size, not the provider's row default
        var (page, read) = await target.DueSubjectsAsync(run.Context, _step.DueBefore, _heldSubjects, _skip, pageSize, cancellationToken).ConfigureAwait(false);
        _skip += pageSize;

        // Shredded by an earlier run: not counted again. Shredded earlier in this run (by another policy; in a dry run,
        // would have been): the rows here are cleared and counted, the key is not destroyed twice.
        var thisRun = page.Where(run.State.Shredded.Contains).ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await _store.GetSubjectKeysAsync(page, cancellationToken).ConfigureAwait(false))
        {
            if (key.Status == DataKeyStatus.Shredded && !thisRun.Contains(key.SubjectId!))
            {
                done.Add(key.SubjectId!);
            }
        }

        var batch = page.Where(s => !done.Contains(s)).ToList();
        var keptByLaw = new HashSet<string>(StringComparer.Ordinal);
        foreach (var minimum in _minimums)
        {
            keptByLaw.UnionWith(await minimum.KeptSubjectsAsync(run.Context, minimum.Policy.DueBefore(Now), batch, cancellationToken).ConfigureAwait(false));
        }

        if (keptByLaw.Count > 0)
        {
            Held += await target.CountDueAsync(run.Context, _step.DueBefore, keptByLaw, cancellationToken).ConfigureAwait(false);
            batch.RemoveAll(keptByLaw.Contains);
        }

        if (batch.Count > 0)
        {
            await ShredAsync(batch, thisRun, cancellationToken).ConfigureAwait(false);
        }

        return read >= pageSize;
    }

    private async Task ShredAsync(List<string> batch, HashSet<string> thisRun, CancellationToken cancellationToken)
    {
        var (run, target, policy) = (_step.Run, _step.Target, _step.Policy);
        var batchRows = await target.CountDueAsync(run.Context, _step.DueBefore, batch, cancellationToken).ConfigureAwait(false);
        var newSubjects = batch.Count(s => !thisRun.Contains(s));
        if (run.State.TrackShredded)
        {
            run.State.Shredded.UnionWith(batch);
        }

        if (!run.DryRun)
        {
            await target.ClearForShredAsync(run.Context, _step.DueBefore, batch, cancellationToken).ConfigureAwait(false);
            foreach (var subject in batch.Where(s => !thisRun.Contains(s)))
            {
                try
                {
                    await _keys.ShredAsync(new SubjectId(subject), cancellationToken).ConfigureAwait(false);
                }
                catch (DatabaseResidueException)
                {
                    // The key is destroyed; the run's own checkpoint at its end clears the log or reports it could not.
                }
            }

            RetentionLog.LogBatch(run.Logger, target.Name, "shredded the subjects of", (int)batchRows, Rows + batchRows);
            await run.RecordBatchAsync(target.Name, $"{newSubjects} subjects shredded ({batchRows} rows, {batch.Count - newSubjects} of whose subjects an " +
                $"earlier policy of this run shredded) by retention ({policy.Days} days from {policy.From})").ConfigureAwait(false);
        }

        Rows += batchRows;
        Subjects += newSubjects;
    }
}
