using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Retention;

/// <summary>
/// Runs retention at start-up and then every <see cref="RetentionOptions.Interval"/>. Every instance of the application
/// may run it: the retention service takes a database lease per policy, so instances share the work instead of
/// repeating it. A failed run is logged and the next one tries again; stopping the host cancels the run in flight
/// after its current batch. In an application with tenants each run covers every tenant, one after the other, each inside
/// its own scope (<see cref="RetentionTenantRuns"/>).
/// </summary>
internal sealed partial class RetentionBackgroundService(
    IRetentionService retention,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    ILogger<RetentionBackgroundService> logger,
    RetentionTenantRuns? tenantRuns = null,
    Diagnostics.HealthChecks.RetentionRunState? state = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Retention.Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run must not stop the host; the next interval retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                state?.Failed();
                LogFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        // With tenants: one run per tenant, inside its scope (a platform-level run would be refused or miss them).
        if (tenantRuns is not null && await tenantRuns.RunAsync(stoppingToken).ConfigureAwait(false) is { } failedTenants)
        {
            if (failedTenants == 0)
            {
                state?.Succeeded();
            }
            else
            {
                state?.Failed();
            }

            return;
        }

        var report = await retention.RunAsync(dryRun: false, stoppingToken).ConfigureAwait(false);
        state?.Succeeded();
        var failedEntities = report.Entities.Count(static e => e.Errors.Count > 0);
        if (report.Purged + report.Anonymized + report.Shredded == 0 && failedEntities == 0)
        {
            var skipped = report.Entities.Count(static e => e.Skipped);
            LogIdle(logger, report.Held, skipped);
        }
        else
        {
            LogRun(logger, report.Purged, report.Anonymized, report.Shredded, report.Held, failedEntities);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "DataGuard retention job run: {Purged} rows deleted, {Anonymized} anonymised, " +
        "{Shredded} shredded; {Held} rows past their period kept under a legal hold or retention minimum; {FailedEntities} entities failed (see the run's " +
        "report)")]
    private static partial void LogRun(ILogger logger, long purged, long anonymized, long shredded, long held, int failedEntities);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Debug, Message = "DataGuard retention job run changed nothing: no rows were due outside legal holds " +
        "({Held} rows past their period kept; {Skipped} entities left to another instance)")]
    private static partial void LogIdle(ILogger logger, long held, int skipped);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "DataGuard retention job failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
