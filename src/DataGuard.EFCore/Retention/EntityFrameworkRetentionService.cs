using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Leases;
using DataGuard.Model;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// Applies retention through the store context with set-based statements, one batch per transaction. A run reads the
/// active legal holds once and works the entities in the order of its <see cref="RetentionPlan"/> (dependents first).
/// Per entity it takes the lease <c>retention:&lt;entity&gt;</c> (so of several instances one works a policy at a time),
/// counts the held rows and those the foreign keys keep (<see cref="RetentionStepCounts"/>), then deletes or anonymises
/// batch after batch until a batch comes back short (<see cref="RetentionBatches"/>; counting, before each delete, the
/// rows it cascades to), or shreds (<see cref="RetentionShredding"/>), while a heartbeat renews the lease in the
/// background (<see cref="LeasedJob"/>). A dry run simulates the steps (<see cref="RetentionDryRun"/>). A hold placed
/// during a run applies from the next run.
/// </summary>
internal sealed class EntityFrameworkRetentionService<TContext>(
    IServiceScopeFactory scopes,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<EntityFrameworkRetentionService<TContext>> logger) : IRetentionService
    where TContext : DbContext
{
    private readonly JobLeases _leases = new(scopes, typeof(TContext), time);

    public async Task<RetentionReport> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        using var internalStatements = DataGuard.EFCore.Audit.DataGuardStatements.Begin(); // its own audit entries
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Retention);
        var started = time.GetUtcNow();
        List<RetentionEntityReport> entities;
        ScrubOutcome scrubbed;
        string? tenant;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            tenant = TenantScoping.Current(context);
            (entities, scrubbed) = await RunStepsAsync(context, started, dryRun, cancellationToken).ConfigureAwait(false);
        }

        var report = new RetentionReport
        {
            DryRun = dryRun,
            TenantId = tenant,
            StartedAt = started,
            CompletedAt = time.GetUtcNow(),
            Entities = entities,
            Scrubbed = scrubbed == ScrubOutcome.Scrubbed,
        };
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
                Details = $"{(dryRun ? "dry run: would purge" : "purged")} {report.Purged} ({report.Entities.Sum(static e => e.PurgedByCascade)} by " +
                    $"cascade), {(dryRun ? "would anonymise" : "anonymised")} {report.Anonymized}, held {report.Held} of {report.Due} due rows " +
                    $"in {entities.Count} entities; {entities.Count(static e => e.Errors.Count > 0)} with errors",
            },
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<(List<RetentionEntityReport> Entities, ScrubOutcome Scrubbed)> RunStepsAsync(
        TContext context,
        DateTimeOffset started,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;

        // Platform-level work over entities with a tenant column is refused before anything is read: run it per tenant.
        TenantScoping.Require(context, RetentionTarget.For(context.Model).Select(static t => t.EntityType));
        await using var connection = (await RetentionConnectionScope.OpenAsync(context, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

        // On SQLite: deleted and overwritten values are zeroed in the file, and the write-ahead log is emptied at the end.
        await using var scrub = dryRun ? null : await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false);

        // Holds are read once per run, so every step (and the dry run's simulation of later steps) sees the same ones.
        var holds = await EntityFrameworkLegalHoldService<TContext>.ActiveAsync(context, cancellationToken).ConfigureAwait(false);
        var plan = new RetentionPlan(context, RetentionTarget.For(context.Model), started, holds, t => settings.Retention.PolicyFor(t.Name, t.Policy));
        var run = new RetentionRun
        {
            Context = context, Plan = plan, Options = settings, Leases = _leases, Audit = audit, Time = time, Logger = logger,
            State = new RetentionRunState(dryRun) { TrackShredded = plan.Targets.Count(static t => t.Policy.Then == RetentionAction.Shred) > 1 },
        };
        var entities = new List<RetentionEntityReport>();
        for (var index = 0; index < plan.Targets.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entity = await RunStepAsync(new RetentionStep(run, index), cancellationToken).ConfigureAwait(false);
            entities.Add(entity);
            LogEntity(entity, dryRun); // a skipped one: event 1304 said so
        }

        entities = run.State.Merge(entities);
        var scrubbed = ScrubOutcome.NotApplicable;
        if (scrub is not null && entities.Any(static e => e.Purged + e.Anonymized + e.Shredded > 0))
        {
            scrubbed = await scrub.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (scrubbed == ScrubOutcome.CopiesMayRemain)
            {
                RetentionLog.LogCopiesMayRemain(logger, SqliteScrubber.Attempts);
            }
        }

        return (entities, scrubbed);
    }

    private static Task<RetentionEntityReport> RunStepAsync(RetentionStep step, CancellationToken cancellationToken)
    {
        if (step.Target.Problem is { } problem)
        {
            return Task.FromResult(step.Report(errors: [problem]));
        }

        // A real run works on the database as the earlier steps left it; a dry run simulates them (see RetentionPlan).
        step.Plan.Base = step.Run.DryRun ? 0 : step.Index;
        return step.Policy.Then == RetentionAction.Shred
            ? RetentionShredding.RunAsync(step, cancellationToken)
            : RetentionPurge.RunAsync(step, cancellationToken);
    }

    private void LogEntity(RetentionEntityReport entity, bool dryRun)
    {
        if (entity.Skipped)
        {
            return;
        }

        if (dryRun)
        {
            RetentionLog.LogEntityDryRun(
                logger, entity.Entity, entity.Due, entity.Purged, entity.Anonymized, entity.Shredded, entity.Held, entity.Errors.Count);
        }
        else
        {
            RetentionLog.LogEntity(logger, entity.Entity, entity.Due, entity.Purged, entity.Anonymized, entity.Shredded, entity.Held, entity.Errors.Count);
            DataGuard.Diagnostics.DataGuardMetrics.Retained(entity);
        }
    }
}
