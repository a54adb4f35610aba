using System.Diagnostics.Metrics;
using DataGuard.Diagnostics;
using DataGuard.EFCore.Stores;
using DataGuard.Forwarding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Forwarding;

/// <summary>
/// Runs one <see cref="AuditForwardingEngine"/> per registered <see cref="IAuditForwarder"/> while the host runs, each in
/// its own loop, and reports the gauge <c>dataguard.audit.forward.lag</c> per destination. On stop it gives the
/// destinations' leases up, so that another instance takes them over at once.
/// </summary>
internal sealed partial class AuditForwardingService : BackgroundService
{
    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditForwardingService> _logger;

    public AuditForwardingService(
        IEnumerable<IAuditForwarder> forwarders,
        IServiceScopeFactory scopes,
        DataGuardStoreRegistration store,
        IOptionsMonitor<DataGuardOptions> options,
        TimeProvider time,
        ILogger<AuditForwardingService> logger)
    {
        _time = time;
        _logger = logger;
        var list = forwarders.ToList();
        var duplicate = list.GroupBy(static f => f.Name, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two audit forwarders are named '{duplicate.Key}'; give each destination its own name (it names the cursor " +
                "and the lease).");
        }

        Engines = list.ConvertAll(f => new AuditForwardingEngine(f, scopes, store, options, time, logger));
        _meter = new Meter(DataGuardMetrics.MeterName, DataGuardMetrics.Version);
        _meter.CreateObservableGauge(
            "dataguard.audit.forward.lag",
            () => Engines.Where(static e => e.Lag >= 0)
                .Select(static e => new Measurement<long>(e.Lag, new KeyValuePair<string, object?>(DataGuardMetrics.ForwarderTag, e.Forwarder.Name))),
            "{entry}",
            "Audit entries appended but not yet delivered, by forwarder (as of the instance holding the destination's lease).");
    }

    internal IReadOnlyList<AuditForwardingEngine> Engines { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(Engines.Select(e => RunAsync(e, stoppingToken)));

    private async Task RunAsync(AuditForwardingEngine engine, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await engine.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the database may be down: keep trying at the poll interval
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStepFailed(_logger, ex, engine.Forwarder.Name);
                delay = TimeSpan.FromSeconds(5);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        try
        {
            await engine.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the lease expires by itself
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStepFailed(_logger, ex, engine.Forwarder.Name);
        }
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Error, Message = "DataGuard audit forwarder '{Forwarder}' could not read the audit chain or its cursor; " +
        "trying again shortly")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string forwarder);
}
