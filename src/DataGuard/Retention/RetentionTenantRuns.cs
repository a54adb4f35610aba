using DataGuard.Tenants;
using Microsoft.Extensions.Logging;

namespace DataGuard.Retention;

/// <summary>
/// One scheduled retention run over every tenant: each tenant's retention runs inside <c>tenants.Begin(id)</c>, so its
/// holds, cutoffs, keys and audit chain are its own, one tenant after the other. A tenant whose run fails (its key
/// revoked, its database down) is logged and the others still run; the next interval retries it.
/// </summary>
internal sealed partial class RetentionTenantRuns(
    IRetentionService retention,
    ITenantContext tenants,
    IRetentionTenantSource source,
    ILogger<RetentionBackgroundService> logger)
{
    // Every line DataGuard logs during a tenant's run (the entities' lines too) carries the tenant in the log scope.
    private static readonly Func<ILogger, string, IDisposable?> TenantLogScope = LoggerMessage.DefineScope<string>("Tenant {Tenant}");

    /// <summary>Runs retention for every tenant the source names.</summary>
    /// <returns><see langword="null"/> when the application has no tenants (the caller runs once at platform level);
    /// otherwise how many tenants' runs threw (the job's health).</returns>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        if (await source.TenantsAsync(cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        // Ids from a directory or a tenant column that are not tenant ids cannot open a scope; they are counted, never
        // logged (the value may be anything, even personal data in the wrong column).
        var ids = found.Where(static id => id is not null && TenantIds.IsValid(id)).Distinct(StringComparer.Ordinal).ToList();
        var (failed, threw) = (0, 0);
        foreach (var tenant in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await RunTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
            failed += outcome == Outcome.Succeeded ? 0 : 1;
            threw += outcome == Outcome.Threw ? 1 : 0;
        }

        var invalid = found.Count(static id => id is null || !TenantIds.IsValid(id));
        LogTenantsRun(logger, ids.Count, failed, invalid);
        return threw;
    }

    private async Task<Outcome> RunTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        using var logScope = TenantLogScope(logger, tenant);
        try
        {
            RetentionReport report;
            using (tenants.Begin(tenant))
            {
                report = await retention.RunAsync(dryRun: false, cancellationToken).ConfigureAwait(false);
            }

            var failedEntities = report.Entities.Count(static e => e.Errors.Count > 0);
            if (failedEntities > 0)
            {
                LogTenantEntitiesFailed(logger, tenant, failedEntities, report.Purged, report.Anonymized, report.Shredded);
                return Outcome.EntitiesFailed;
            }

            if (report.Purged + report.Anonymized + report.Shredded == 0)
            {
                var skipped = report.Entities.Count(static e => e.Skipped);
                LogTenantIdle(logger, tenant, report.Held, skipped);
            }
            else
            {
                LogTenantRun(logger, tenant, report.Purged, report.Anonymized, report.Shredded, report.Held);
            }

            return Outcome.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One tenant's failure must not keep the other tenants' data past its period.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTenantFailed(logger, tenant, ex);
            return Outcome.Threw;
        }
    }

    private enum Outcome
    {
        Succeeded,
        EntitiesFailed,
        Threw,
    }

    [LoggerMessage(EventId = 1316, Level = LogLevel.Information, Message = "DataGuard retention for tenant {Tenant}: {Purged} rows deleted, " +
        "{Anonymized} anonymised, {Shredded} shredded; {Held} rows past their period kept under a legal hold or retention minimum")]
    private static partial void LogTenantRun(ILogger logger, string tenant, long purged, long anonymized, long shredded, long held);

    [LoggerMessage(EventId = 1317, Level = LogLevel.Debug, Message = "DataGuard retention for tenant {Tenant} changed nothing ({Held} rows past " +
        "their period kept; {Skipped} entities left to another instance)")]
    private static partial void LogTenantIdle(ILogger logger, string tenant, long held, int skipped);

    [LoggerMessage(EventId = 1318, Level = LogLevel.Error, Message = "DataGuard retention for tenant {Tenant} failed; the other tenants' " +
        "retention goes on, and the next interval retries this one")]
    private static partial void LogTenantFailed(ILogger logger, string tenant, Exception exception);

    [LoggerMessage(EventId = 1319, Level = LogLevel.Information, Message = "DataGuard retention job ran for {Tenants} tenants, {Failed} of them " +
        "failed; {Invalid} listed tenant ids were not valid tenant ids and were skipped")]
    private static partial void LogTenantsRun(ILogger logger, int tenants, int failed, int invalid);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Error, Message = "DataGuard retention for tenant {Tenant} failed for {FailedEntities} " +
        "entities (see the errors logged before and the run's report); {Purged} rows deleted, {Anonymized} anonymised, {Shredded} shredded. " +
        "The other tenants' retention goes on, and the next interval retries this one")]
    private static partial void LogTenantEntitiesFailed(ILogger logger, string tenant, int failedEntities, long purged, long anonymized, long shredded);
}
