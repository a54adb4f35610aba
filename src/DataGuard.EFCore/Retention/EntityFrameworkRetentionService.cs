using System.Data.Common;
using System.Linq.Expressions;
using DataGuard.Audit;
using DataGuard.EntityFrameworkCore.Leases;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// Applies retention through the store context with set-based statements, one batch per transaction. A run reads the
/// active legal holds once and works the entities in the order of its <see cref="RetentionPlan"/> (dependents first).
/// Per entity it takes the lease <c>retention:&lt;entity&gt;</c> (so of several instances one works a policy at a time),
/// counts the held rows and those the foreign keys keep, then deletes or anonymises batch after batch until a batch comes
/// back short (counting, before each delete, the rows it cascades to), while a heartbeat renews the lease in the
/// background. A hold placed during a run applies from the next run.
/// </summary>
internal sealed partial class EntityFrameworkRetentionService<TContext>(
    IServiceScopeFactory scopes,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<EntityFrameworkRetentionService<TContext>> logger) : IRetentionService
    where TContext : DbContext
{
    private const int TransientAttempts = 3;

    /// <summary>Identifies this instance in lease rows; unique per service, so two hosts in one process differ too.</summary>
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var h && h.Length > DatabaseLease.MaxNameLength ? h[^DatabaseLease.MaxNameLength..] : h;

    public async Task<RetentionReport> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        using var internalStatements = DataGuard.EntityFrameworkCore.Audit.DataGuardStatements.Begin(); // its own audit entries
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Retention);
        var started = time.GetUtcNow();
        var settings = options.CurrentValue.Retention;
        var entities = new List<RetentionEntityReport>();
        var scrubbed = ScrubOutcome.NotApplicable;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var connection = (await RetentionConnectionScope.OpenAsync(context, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

            // On SQLite: deleted and overwritten values are zeroed in the file, and the write-ahead log is emptied at the end.
            await using var scrub = dryRun ? null : await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false);

            // Holds are read once per run, so every step (and the dry run's simulation of later steps) sees the same ones.
            var holds = await EntityFrameworkLegalHoldService<TContext>.ActiveAsync(context, cancellationToken).ConfigureAwait(false);
            var plan = new RetentionPlan(context, RetentionTarget.For(context.Model), started, holds, t => settings.PolicyFor(t.Name, t.Policy));
            var run = new RetentionRunState(dryRun) { TrackShredded = plan.Targets.Count(static t => t.Policy.Then == RetentionAction.Shred) > 1 };
            for (var step = 0; step < plan.Targets.Count; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = plan.Targets[step];
                var entity = await RunTargetAsync(context, plan, step, run, settings, cancellationToken).ConfigureAwait(false);
                entities.Add(entity);
                if (entity.Skipped)
                {
                    continue; // event 1304 said so
                }

                if (dryRun)
                {
                    LogEntityDryRun(logger, target.Name, entity.Due, entity.Purged, entity.Anonymized, entity.Shredded, entity.Held, entity.Errors.Count);
                }
                else
                {
                    LogEntity(logger, target.Name, entity.Due, entity.Purged, entity.Anonymized, entity.Shredded, entity.Held, entity.Errors.Count);
                    DataGuard.Diagnostics.DataGuardMetrics.Retained(entity);
                }
            }

            entities = run.Merge(entities);
            if (scrub is not null && entities.Any(static e => e.Purged + e.Anonymized + e.Shredded > 0))
            {
                scrubbed = await scrub.CompleteAsync(cancellationToken).ConfigureAwait(false);
                if (scrubbed == ScrubOutcome.CopiesMayRemain)
                {
                    LogCopiesMayRemain(logger, SqliteScrubber.Attempts);
                }
            }
        }

        var report = new RetentionReport { DryRun = dryRun, StartedAt = started, CompletedAt = time.GetUtcNow(), Entities = entities, Scrubbed = scrubbed == ScrubOutcome.Scrubbed };
        if (!dryRun && report.Purged + report.Anonymized + report.Shredded == 0 && !report.HasErrors)
        {
            // An idle run (nothing due outside holds, or every policy left to another instance) changed nothing: the
            // trail records what was done, and a scheduled job would otherwise add an entry every interval. Each batch
            // that changes rows is recorded on its own (retention.batch), and explicit dry runs are recorded.
            return report;
        }

        await audit.RecordAsync(
            new AuditEvent(AuditActions.RetentionRun)
            {
                Details = $"{(dryRun ? "dry run: would purge" : "purged")} {report.Purged} ({report.Entities.Sum(static e => e.PurgedByCascade)} by cascade), {(dryRun ? "would anonymise" : "anonymised")} {report.Anonymized}, held {report.Held} of {report.Due} due rows in {entities.Count} entities; {entities.Count(static e => e.Errors.Count > 0)} with errors",
            },
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<RetentionEntityReport> RunTargetAsync(DbContext context, RetentionPlan plan, int step, RetentionRunState run, RetentionOptions settings, CancellationToken cancellationToken)
    {
        var target = plan.Targets[step];
        var policy = plan.Policy(step); // the declared policy, or a configured override (RetentionOptions.Overrides)
        var dueBefore = plan.DueBefore(step);
        var anonymize = policy.Then == RetentionAction.Anonymize;
        var dryRun = run.DryRun;
        if (target.Problem is { } problem)
        {
            return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Errors = [problem] };
        }

        // A real run works on the database as the earlier steps left it; a dry run simulates them (see RetentionPlan).
        plan.Base = dryRun ? 0 : step;
        var entityHeld = plan.IsHeld(target.EntityType);
        if (policy.Then == RetentionAction.Shred)
        {
            // One key covers every row of a subject: a hold on any entity type subjects own holds the shredding too.
            var anySubjectEntityHeld = context.Model.GetPersonalDataModel().Entities.Any(e => e.IsReachableBySubject && plan.IsHeld(e.Name));
            var heldSubjects = target.HasSubject ? plan.HeldSubjects.ToHashSet(StringComparer.Ordinal) : [];
            return await ShredAsync(context, target, dueBefore, entityHeld || anySubjectEntityHeld, heldSubjects, run, settings, cancellationToken).ConfigureAwait(false);
        }

        // A real run counts its due rows as the sum of what it did and kept, so that (without holds or foreign keys in
        // the way) it sends nothing but its batches; a dry run counts them.
        long? due = null;
        if (entityHeld || dryRun)
        {
            due = await target.CountAsync(context, plan.Where(step, row => plan.Due(step, row)), cancellationToken).ConfigureAwait(false);
            if (entityHeld || due == 0)
            {
                return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due.Value, Held = entityHeld ? due.Value : 0 };
            }
        }

        // Due rows split into: held (their subject), refused by the database (a foreign key that does not cascade),
        // kept because their delete would cascade to rows that must stay, left to a later step's delete, and worked.
        var held = plan.SubjectHeld(target.EntityType, Expression.Parameter(target.EntityType.ClrType)) is null ? 0
            : await target.CountAsync(context, plan.Where(step, row => Expression.AndAlso(plan.Due(step, row), plan.SubjectHeld(target.EntityType, row)!)), cancellationToken).ConfigureAwait(false);
        long blocked = 0, keptBelow = 0, later = 0;
        Expression NotHeld(Expression row) => plan.SubjectHeld(target.EntityType, row) is { } h ? Expression.AndAlso(plan.Due(step, row), Expression.Not(h)) : plan.Due(step, row);
        if (policy.Then == RetentionAction.Delete)
        {
            blocked = plan.Restricted(step, Expression.Parameter(target.EntityType.ClrType)) is null ? 0
                : await target.CountAsync(context, plan.Where(step, row => Expression.AndAlso(NotHeld(row), plan.Restricted(step, row)!)), cancellationToken).ConfigureAwait(false);
            keptBelow = plan.KeptBelow(step, Expression.Parameter(target.EntityType.ClrType)) is null ? 0
                : await target.CountAsync(context, plan.Where(step, row => Expression.AndAlso(Expression.AndAlso(NotHeld(row), plan.Restricted(step, row) is { } r ? Expression.Not(r) : Expression.Constant(true)), plan.KeptBelow(step, row)!)), cancellationToken).ConfigureAwait(false);
        }
        else if (plan.RemovedLater(step, Expression.Parameter(target.EntityType.ClrType)) is not null)
        {
            later = await target.CountAsync(context, plan.Where(step, row => Expression.AndAlso(NotHeld(row), plan.RemovedLater(step, row)!)), cancellationToken).ConfigureAwait(false);
        }

        var errors = new List<string>();
        var reasons = new List<string>();
        if (blocked > 0)
        {
            var by = new List<string>();
            foreach (var dependent in plan.Restricting(step))
            {
                if (await target.CountAsync(context, plan.Where(step, row => Expression.AndAlso(NotHeld(row), plan.RestrictedBy(step, dependent, row) ?? Expression.Constant(false))), cancellationToken).ConfigureAwait(false) > 0)
                {
                    by.Add(plan.Name(dependent));
                }
            }

            errors.Add(Blocked(target, blocked, by));
        }

        if (keptBelow > 0)
        {
            reasons.Add($"{keptBelow} due rows were kept because deleting them would cascade to rows that a legal hold or a retention minimum keeps (counted as held)");
        }

        if (later > 0)
        {
            reasons.Add($"{later} due rows were left to a principal's retention later in this run, whose delete removes them by cascade (counted as purged by cascade)");
        }

        var works = plan.Where(step, row => plan.Works(step, row));
        long done = 0;
        if (dryRun)
        {
            done = await target.CountAsync(context, works, cancellationToken).ConfigureAwait(false);
            if (!anonymize && done > 0)
            {
                run.Add(await plan.DependentsAsync(target.Batch(context, works, int.MaxValue), target.EntityType, step, null, cancellationToken).ConfigureAwait(false), target, policy, dueBefore, plan);
            }
        }
        else
        {
            var leaseName = "retention:" + target.Name;
            if (leaseName.Length > DatabaseLease.MaxNameLength)
            {
                leaseName = leaseName[..DatabaseLease.MaxNameLength];
            }

            if (!await DatabaseLease.TryAcquireAsync(context, leaseName, _holder, settings.LeaseDuration, time, cancellationToken).ConfigureAwait(false))
            {
                LogLeaseHeldElsewhere(logger, target.Name);
                return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Skipped = true };
            }

            var batchSize = settings.BatchSizeFor(RetentionConnectionScope.IsSqlite(context));
            var heartbeat = StartHeartbeat(leaseName, settings.LeaseDuration);
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (rows, effects) = await ApplyBatchAsync(context, plan, step, works, batchSize, cancellationToken).ConfigureAwait(false);
                    if (rows > 0)
                    {
                        done += rows;
                        LogBatch(logger, target.Name, anonymize ? "anonymised" : "deleted", rows, done);

                        // The batch is committed: record it even if the run is being cancelled, so the trail matches the data.
                        await audit.RecordAsync(
                            new AuditEvent(AuditActions.RetentionBatch) { EntityType = target.Name, Details = $"{rows} rows {(anonymize ? "anonymised" : "deleted")} by retention ({policy.Days} days from {policy.From})" },
                            CancellationToken.None).ConfigureAwait(false);
                        foreach (var effect in effects)
                        {
                            await audit.RecordAsync(
                                new AuditEvent(AuditActions.RetentionBatch)
                                {
                                    EntityType = plan.Name(effect.Entity),
                                    Details = effect.Deleted
                                        ? $"{effect.Rows} rows deleted by the database's cascade from {plan.Name(effect.Principal)} by retention of {target.Name} ({policy.Days} days from {policy.From})"
                                        : $"{effect.Rows} rows anonymised by retention of {target.Name} before deleting {plan.Name(effect.Principal)} set their subject column to null",
                                },
                                CancellationToken.None).ConfigureAwait(false);
                        }

                        run.Add(effects, target, policy, dueBefore, plan);
                    }

                    if (rows < batchSize)
                    {
                        break;
                    }

                    // The heartbeat renews the lease in the background; it is lost only if a renewal found another holder.
                    if (heartbeat.IsLost)
                    {
                        LogLeaseLost(logger, target.Name);
                        errors.Add($"{target.Name}: this instance lost the retention lease (it expired before a renewal got through); the instance that took it over finishes the work.");
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, target.Name, ex);
                errors.Add($"{target.Name}: {(anonymize ? "anonymising" : "deleting")} failed with {ex.GetType().Name} after {done} rows; the rows done so far are committed and the next run retries the rest (details in the log, event 1305).");
            }
            finally
            {
                await heartbeat.DisposeAsync().ConfigureAwait(false);
                await ReleaseLeaseAsync(context, leaseName).ConfigureAwait(false);
            }
        }

        return new RetentionEntityReport
        {
            Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due ?? done + held + blocked + keptBelow + later, Held = held + keptBelow,
            Purged = anonymize ? 0 : done, Anonymized = anonymize ? done : 0, Errors = errors, Reasons = reasons,
        };
    }

    private static string Blocked(RetentionTarget target, long rows, List<string> entities)
        => $"{target.Name}: {rows} due rows were not deleted because rows of {string.Join(", ", entities)} refer to them (or to rows their delete would cascade to) through a foreign key that does not cascade (the database would refuse); give {(entities.Count == 1 ? "that entity" : "those entities")} a retention policy (dependents are purged before their principals) or let the foreign key cascade or set null.";

    /// <summary>One batch in one transaction: what its delete does to dependents is counted (and rows whose subject
    /// column it clears are anonymised) first, then the batch is deleted or anonymised. Retries a batch that lost a
    /// deadlock or a serialisation conflict; the transaction rolled back, so running it again is safe.</summary>
    private async Task<(int Rows, List<DependentEffect> Effects)> ApplyBatchAsync(DbContext context, RetentionPlan plan, int step, LambdaExpression works, int batchSize, CancellationToken cancellationToken)
    {
        var target = plan.Targets[step];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = time.GetUtcNow();
                var batch = target.Batch(context, works, batchSize);
                if (target.Policy.Then != RetentionAction.Delete)
                {
                    return (await target.ApplyAsync(batch, now, cancellationToken).ConfigureAwait(false), []);
                }

                await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var effects = await plan.DependentsAsync(batch, target.EntityType, step, now.UtcDateTime, cancellationToken).ConfigureAwait(false);
                var rows = await target.ApplyAsync(batch, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (rows, effects);
            }
            catch (Exception ex) when (attempt < TransientAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogTransient(logger, target.Name, attempt, ex);
            }
        }
    }

    private static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renews the lease every third of its time to live while the run works, through a context of its own.</summary>
    private LeaseHeartbeat StartHeartbeat(string leaseName, TimeSpan timeToLive)
        => LeaseHeartbeat.Start(ct => RenewLeaseAsync(leaseName, timeToLive, ct), timeToLive, time, ex => LogRenewFailed(logger, leaseName, ex));

    private async Task<bool> RenewLeaseAsync(string leaseName, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await DatabaseLease.RenewAsync(context, leaseName, _holder, timeToLive, time, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseLeaseAsync(DbContext context, string leaseName)
    {
        try
        {
            await DatabaseLease.ReleaseAsync(context, leaseName, _holder, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an unreleased lease expires by itself; failing here would hide the run's own outcome
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, leaseName, ex);
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "DataGuard retention of {Entity}: {Due} rows past their period; {Purged} deleted, {Anonymized} anonymised, {Shredded} shredded, {Held} kept under a legal hold or retention minimum; {Errors} errors")]
    private static partial void LogEntity(ILogger logger, string entity, long due, long purged, long anonymized, long shredded, long held, int errors);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "DataGuard retention dry run of {Entity} (nothing changed): {Due} rows past their period; would delete {Purged}, anonymise {Anonymized}, shred {Shredded}; {Held} kept under a legal hold or retention minimum; {Errors} errors")]
    private static partial void LogEntityDryRun(ILogger logger, string entity, long due, long purged, long anonymized, long shredded, long held, int errors);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "DataGuard retention batch: {Action} {Rows} {Entity} rows ({Done} in this run so far)")]
    private static partial void LogBatch(ILogger logger, string entity, string action, int rows, long done);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "DataGuard retention left {Entity} to another instance, which holds its lease")]
    private static partial void LogLeaseHeldElsewhere(ILogger logger, string entity);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "DataGuard retention of {Entity} failed; committed batches stay, the next run retries")]
    private static partial void LogFailed(ILogger logger, string entity, Exception exception);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "DataGuard retention lost the lease of {Entity}; another instance took it over")]
    private static partial void LogLeaseLost(ILogger logger, string entity);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "DataGuard retention batch of {Entity} hit a transient database error (attempt {Attempt}); retrying")]
    private static partial void LogTransient(ILogger logger, string entity, int attempt, Exception exception);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "DataGuard retention changed rows, but the SQLite write-ahead log could not be emptied in {Attempts} attempts (another connection kept a read transaction open): old values may remain in the -wal file until the next checkpoint; the report says Scrubbed = false")]
    private static partial void LogCopiesMayRemain(ILogger logger, int attempts);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "DataGuard retention could not renew lease {Lease}; it retries at the next heartbeat")]
    private static partial void LogRenewFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "DataGuard retention could not release lease {Lease}; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
