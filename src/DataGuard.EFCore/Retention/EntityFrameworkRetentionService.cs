using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EntityFrameworkCore.Leases;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// Applies retention through the store context with set-based statements, one batch per statement and transaction.
/// Per entity it takes the lease <c>retention:&lt;entity&gt;</c> (so of several instances one works a policy at a time),
/// reads the active legal holds, counts the held rows, then deletes or anonymises batch after batch until a batch comes
/// back short, while a heartbeat renews the lease in the background. A hold placed during a run applies from the next entity or run.
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
        var started = time.GetUtcNow();
        var settings = options.CurrentValue.Retention;
        var entities = new List<RetentionEntityReport>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var connection = (await RetentionConnectionScope.OpenAsync(context, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            foreach (var target in RetentionTarget.For(context.Model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entity = await RunTargetAsync(context, target, dryRun, settings, cancellationToken).ConfigureAwait(false);
                entities.Add(entity);
                LogEntity(logger, target.Name, dryRun, entity.Due, entity.Purged, entity.Anonymized, entity.Held, entity.Skipped, entity.Errors.Count);
            }
        }

        var report = new RetentionReport { DryRun = dryRun, StartedAt = started, CompletedAt = time.GetUtcNow(), Entities = entities };
        await audit.RecordAsync(
            new AuditEvent(AuditActions.RetentionRun)
            {
                Details = $"{(dryRun ? "dry run: would purge" : "purged")} {report.Purged}, {(dryRun ? "would anonymise" : "anonymised")} {report.Anonymized}, held {report.Held} of {report.Due} due rows in {entities.Count} entities; {entities.Count(static e => e.Errors.Count > 0)} with errors",
            },
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<RetentionEntityReport> RunTargetAsync(DbContext context, RetentionTarget target, bool dryRun, RetentionOptions settings, CancellationToken cancellationToken)
    {
        var policy = target.Policy;
        var dueBefore = policy.DueBefore(time.GetUtcNow());
        var anonymize = policy.Then == RetentionAction.Anonymize;
        if (target.Problem is { } problem)
        {
            return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Errors = [problem] };
        }

        var holds = await EntityFrameworkLegalHoldService<TContext>.ActiveAsync(context, cancellationToken).ConfigureAwait(false);
        var heldSubjects = target.HasSubject ? holds.Where(static h => h.SubjectId is not null).Select(static h => h.SubjectId!).ToHashSet(StringComparer.Ordinal) : [];
        var entityHeld = holds.Any(h => string.Equals(h.EntityType, target.Name, StringComparison.Ordinal));

        if (policy.Then == RetentionAction.Shred)
        {
            // One key covers every row of a subject: a hold on any entity type subjects own holds the shredding too.
            var subjectEntities = context.Model.GetPersonalDataModel().Entities.Where(static e => e.IsReachableBySubject).Select(static e => e.Name).ToHashSet(StringComparer.Ordinal);
            var anySubjectEntityHeld = holds.Any(h => h.EntityType is not null && subjectEntities.Contains(h.EntityType));
            return await ShredAsync(context, target, dueBefore, entityHeld || anySubjectEntityHeld, heldSubjects, dryRun, settings, cancellationToken).ConfigureAwait(false);
        }

        if (entityHeld || dryRun)
        {
            var due = await target.CountDueAsync(context, dueBefore, null, cancellationToken).ConfigureAwait(false);
            var held = entityHeld ? due : heldSubjects.Count == 0 ? 0 : await target.CountDueAsync(context, dueBefore, heldSubjects, cancellationToken).ConfigureAwait(false);
            var changed = due - held;
            return new RetentionEntityReport { Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = due, Held = held, Purged = anonymize ? 0 : changed, Anonymized = anonymize ? changed : 0 };
        }

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
        long heldRows = 0, done = 0;
        var errors = new List<string>();
        var heartbeat = StartHeartbeat(leaseName, settings.LeaseDuration);
        try
        {
            heldRows = heldSubjects.Count == 0 ? 0 : await target.CountDueAsync(context, dueBefore, heldSubjects, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = await ApplyBatchAsync(context, target, dueBefore, heldSubjects, batchSize, cancellationToken).ConfigureAwait(false);
                if (rows > 0)
                {
                    done += rows;
                    LogBatch(logger, target.Name, anonymize ? "anonymised" : "deleted", rows, done);

                    // The batch is committed: record it even if the run is being cancelled, so the trail matches the data.
                    await audit.RecordAsync(
                        new AuditEvent(AuditActions.RetentionBatch) { EntityType = target.Name, Details = $"{rows} rows {(anonymize ? "anonymised" : "deleted")} by retention ({policy.Days} days from {policy.From})" },
                        CancellationToken.None).ConfigureAwait(false);
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

        return new RetentionEntityReport
        {
            Entity = target.Name, Policy = policy, DueBefore = dueBefore, Due = done + heldRows, Held = heldRows,
            Purged = anonymize ? 0 : done, Anonymized = anonymize ? done : 0, Errors = errors,
        };
    }

    /// <summary>Retries a batch that lost a deadlock or a serialisation conflict; the statement rolled back, so
    /// running it again is safe.</summary>
    private async Task<int> ApplyBatchAsync(DbContext context, RetentionTarget target, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int batchSize, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await target.ApplyBatchAsync(context, dueBefore, heldSubjects, batchSize, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "DataGuard retention ({DryRun}) {Entity}: {Due} due, {Purged} purged, {Anonymized} anonymised, {Held} held, skipped {Skipped}, {Errors} errors")]
    private static partial void LogEntity(ILogger logger, string entity, bool dryRun, long due, long purged, long anonymized, long held, bool skipped, int errors);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "DataGuard retention {Action} {Rows} {Entity} rows ({Done} in this run)")]
    private static partial void LogBatch(ILogger logger, string entity, string action, int rows, long done);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "DataGuard retention left {Entity} to the instance holding its lease")]
    private static partial void LogLeaseHeldElsewhere(ILogger logger, string entity);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "DataGuard retention of {Entity} failed; committed batches stay, the next run retries")]
    private static partial void LogFailed(ILogger logger, string entity, Exception exception);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "DataGuard retention lost the lease of {Entity}; another instance took it over")]
    private static partial void LogLeaseLost(ILogger logger, string entity);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "DataGuard retention batch of {Entity} hit a transient database error (attempt {Attempt}); retrying")]
    private static partial void LogTransient(ILogger logger, string entity, int attempt, Exception exception);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "DataGuard retention could not renew lease {Lease}; it retries at the next heartbeat")]
    private static partial void LogRenewFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "DataGuard retention could not release lease {Lease}; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
