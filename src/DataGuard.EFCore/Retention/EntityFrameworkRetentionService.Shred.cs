using DataGuard.Audit;
using DataGuard.EntityFrameworkCore.Encryption;
using DataGuard.EntityFrameworkCore.Leases;
using DataGuard.Keys;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary><c>Then = Shred</c>: the rows stay, their subjects' keys are destroyed (crypto-shredding), so the rows'
/// encrypted fields become unreadable here and in every copy. Subjects are read a batch at a time from the due rows
/// (held subjects and held entities excluded); those shredded by an earlier run are skipped, so a rerun does nothing new,
/// while a subject an earlier policy of this run shredded has its rows here cleared and counted too. Due rows without a
/// subject have no key to destroy: they are anonymised (and marked), and counted as anonymised.</summary>
internal sealed partial class EntityFrameworkRetentionService<TContext>
{
    private async Task<RetentionEntityReport> ShredAsync(DbContext context, RetentionTarget target, DateTimeOffset dueBefore, bool entityHeld, HashSet<string> heldSubjects, RetentionRunState run, RetentionOptions settings, CancellationToken cancellationToken)
    {
        var policy = target.Policy;
        var dryRun = run.DryRun;
        var due = await target.CountDueAsync(context, dueBefore, null, cancellationToken).ConfigureAwait(false);
        var held = entityHeld ? due : heldSubjects.Count == 0 ? 0 : await target.CountDueAsync(context, dueBefore, heldSubjects, cancellationToken).ConfigureAwait(false);
        if (entityHeld || due == held)
        {
            return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due, Held = held };
        }

        var services = EncryptionServices.ApplicationServices(context);
        if (!options.CurrentValue.Encryption.SubjectKeys || services.GetService<IKeyStore>() is not ISubjectKeyStore store)
        {
            LogShredUnavailable(logger, target.Name);
            return new RetentionEntityReport
            {
                Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due, Held = held,
                Errors = [$"{target.Name}: Then = Shred destroys subject keys, which need Encryption.SubjectKeys = true (and a key store that keeps them); {due - held} due rows were left unchanged."],
            };
        }

        var keys = services.GetRequiredService<IKeyManager>();
        var leaseName = ("retention:" + target.Name) is var name && name.Length > DatabaseLease.MaxNameLength ? name[..DatabaseLease.MaxNameLength] : name;
        if (!dryRun && !await DatabaseLease.TryAcquireAsync(context, leaseName, _holder, settings.LeaseDuration, time, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseHeldElsewhere(logger, target.Name);
            return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Skipped = true };
        }

        // A subject's key is one for all of their rows: a subject with rows that a retention minimum keeps (in any
        // entity, this one included) is not shredded; their due rows count as held.
        var now = time.GetUtcNow();
        var minimums = RetentionTarget.For(context.Model).Where(static t => t.Policy.IsMinimum && t.HasSubject).ToList();
        long rows = 0, subjects = 0;
        var errors = new List<string>();
        var heartbeat = dryRun ? null : StartHeartbeat(leaseName, settings.LeaseDuration);
        long withoutSubject = 0;
        try
        {
            if (dryRun)
            {
                withoutSubject = await target.CountDueWithoutSubjectAsync(context, dueBefore, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var batchSize = settings.BatchSizeFor(RetentionConnectionScope.IsSqlite(context));
                int anonymized;
                do
                {
                    anonymized = await target.AnonymizeDueWithoutSubjectAsync(context, dueBefore, batchSize, now, cancellationToken).ConfigureAwait(false);
                    if (anonymized > 0)
                    {
                        withoutSubject += anonymized;
                        LogBatch(logger, target.Name, "anonymised (no subject, so no key to shred)", anonymized, withoutSubject);
                        await audit.RecordAsync(
                            new AuditEvent(AuditActions.RetentionBatch) { EntityType = target.Name, Details = $"{anonymized} rows without a subject anonymised by retention ({policy.Days} days from {policy.From}, Then = Shred)" },
                            CancellationToken.None).ConfigureAwait(false);
                    }
                }
                while (anonymized == batchSize);
            }

            for (var skip = 0; ; skip += settings.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (page, read) = await target.DueSubjectsAsync(context, dueBefore, heldSubjects, skip, settings.BatchSize, cancellationToken).ConfigureAwait(false);
                // Shredded by an earlier run: not counted again. Shredded earlier in this run (by another policy; in a
                // dry run, would have been): the rows here are cleared and counted, the key is not destroyed twice.
                var thisRun = page.Where(run.Shredded.Contains).ToHashSet(StringComparer.Ordinal);
                var done = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in await store.GetSubjectKeysAsync(page, cancellationToken).ConfigureAwait(false))
                {
                    if (key.Status == DataKeyStatus.Shredded && !thisRun.Contains(key.SubjectId!))
                    {
                        done.Add(key.SubjectId!);
                    }
                }

                var batch = page.Where(s => !done.Contains(s)).ToList();
                var keptByLaw = new HashSet<string>(StringComparer.Ordinal);
                foreach (var minimum in minimums)
                {
                    keptByLaw.UnionWith(await minimum.KeptSubjectsAsync(context, minimum.Policy.DueBefore(now), batch, cancellationToken).ConfigureAwait(false));
                }

                if (keptByLaw.Count > 0)
                {
                    held += await target.CountDueAsync(context, dueBefore, keptByLaw, cancellationToken).ConfigureAwait(false);
                    batch.RemoveAll(keptByLaw.Contains);
                }

                if (batch.Count > 0)
                {
                    var batchRows = await target.CountDueAsync(context, dueBefore, batch, cancellationToken).ConfigureAwait(false);
                    var newSubjects = batch.Count(s => !thisRun.Contains(s));
                    if (run.TrackShredded)
                    {
                        run.Shredded.UnionWith(batch);
                    }

                    if (!dryRun)
                    {
                        await target.ClearForShredAsync(context, dueBefore, batch, cancellationToken).ConfigureAwait(false);
                        foreach (var subject in batch.Where(s => !thisRun.Contains(s)))
                        {
                            try
                            {
                                await keys.ShredAsync(new SubjectId(subject), cancellationToken).ConfigureAwait(false);
                            }
                            catch (DatabaseResidueException)
                            {
                                // The key is destroyed; the run's own checkpoint at its end clears the log or reports it could not.
                            }
                        }

                        LogBatch(logger, target.Name, "shredded the subjects of", (int)batchRows, rows + batchRows);
                        await audit.RecordAsync(
                            new AuditEvent(AuditActions.RetentionBatch) { EntityType = target.Name, Details = $"{newSubjects} subjects shredded ({batchRows} rows, {batch.Count - newSubjects} of whose subjects an earlier policy of this run shredded) by retention ({policy.Days} days from {policy.From})" },
                            CancellationToken.None).ConfigureAwait(false);
                    }

                    rows += batchRows;
                    subjects += newSubjects;
                }

                if (read < settings.BatchSize)
                {
                    break;
                }

                if (heartbeat?.IsLost == true)
                {
                    LogLeaseLost(logger, target.Name);
                    errors.Add($"{target.Name}: this instance lost the retention lease; the instance that took it over finishes the work.");
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, target.Name, ex);
            errors.Add($"{target.Name}: shredding failed with {ex.GetType().Name} after {subjects} subjects; those stay shredded and the next run continues (details in the log, event 1305).");
        }
        finally
        {
            if (heartbeat is not null)
            {
                await heartbeat.DisposeAsync().ConfigureAwait(false);
                await ReleaseLeaseAsync(context, leaseName).ConfigureAwait(false);
            }
        }

        return new RetentionEntityReport
        {
            Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due, Held = held, Shredded = rows, SubjectsShredded = subjects, Anonymized = withoutSubject, Errors = errors,
            Reasons = withoutSubject > 0 ? [$"{withoutSubject} due rows have no subject, so no subject key to destroy: they were anonymised instead"] : [],
        };
    }

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "DataGuard retention of {Entity} has Then = Shred, but subject keys are off; its rows were left unchanged")]
    private static partial void LogShredUnavailable(ILogger logger, string entity);
}
