using DataGuard.Tenants.Lifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tenants;

/// <summary>
/// Runs <see cref="ITenantLifecycle.OffboardDueAsync"/> when the host starts and then every
/// <see cref="TenantOffboardingJobOptions.Interval"/>, at platform level (outside any tenant's scope). It takes no lease:
/// register it on one instance. A failed run is logged and the next interval tries again; stopping the host cancels the
/// run between tenants.
/// </summary>
internal sealed class TenantOffboardingBackgroundService(
    ITenantLifecycle lifecycle,
    IOptionsMonitor<TenantOffboardingJobOptions> options,
    TimeProvider time,
    ILogger<TenantOffboardingBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Interval, time);
        do
        {
            var dryRun = options.CurrentValue.DryRun;
            try
            {
                var offboarded = await lifecycle.OffboardDueAsync(dryRun, stoppingToken).ConfigureAwait(false);
                TenantOffboardingLog.JobRun(logger, dryRun, offboarded.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run must not stop the host; the next interval retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                TenantOffboardingLog.JobFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
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
}
