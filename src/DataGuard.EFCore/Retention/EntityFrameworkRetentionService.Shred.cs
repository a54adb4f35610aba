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
/// (held subjects and held entities excluded); those already shredded are skipped, so a rerun does nothing new.</summary>
internal sealed partial class EntityFrameworkRetentionService<TContext>
{
    private async Task<RetentionEntityReport> ShredAsync(DbContext context, RetentionTarget target, DateTimeOffset dueBefore, bool entityHeld, HashSet<string> heldSubjects, bool dryRun, RetentionOptions settings, CancellationToken cancellationToken)
    {
        var policy = target.Policy;
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
        try
        {
            for (var skip = 0; ; skip += settings.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (page, read) = await target.DueSubjectsAsync(context, dueBefore, heldSubjects, skip, settings.BatchSize, cancellationToken).ConfigureAwait(false);
                var done = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in await store.GetSubjectKeysAsync(page, cancellationToken).ConfigureAwait(false))
                {
                    if (key.Status == DataKeyStatus.Shredded)
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
                    if (!dryRun)
                    {
                        await target.ClearForShredAsync(context, dueBefore, batch, cancellationToken).ConfigureAwait(false);
                        foreach (var subject in batch)
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
                            new AuditEvent(AuditActions.RetentionBatch) { EntityType = target.Name, Details = $"{batch.Count} subjects shredded ({batchRows} rows) by retention ({policy.Days} days from {policy.From})" },
                            CancellationToken.None).ConfigureAwait(false);
                    }

                    rows += batchRows;
                    subjects += batch.Count;
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
            Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due, Held = held, Shredded = rows, SubjectsShredded = subjects, Errors = errors,
        };
    }

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "DataGuard retention of {Entity} has Then = Shred, but subject keys are off; its rows were left unchanged")]
    private static partial void LogShredUnavailable(ILogger logger, string entity);
}
