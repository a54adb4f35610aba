using System.Diagnostics.Metrics;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataGuard.Diagnostics;

/// <summary>
/// The observable gauges <c>dataguard.subject_requests.open</c> and <c>dataguard.subject_requests.overdue</c>. A
/// collection must not wait for the database, so each reports the counts of the last refresh, and a collection that finds
/// them older than a minute starts the next refresh in the background. One per application (its own meter instance
/// named <c>DataGuard</c>, disposed with the container); started with the host.
/// </summary>
internal sealed class SubjectRequestGauges : IHostedService, IDisposable
{
    internal static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly object _gate = new();
    private SubjectRequestCounts? _counts;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private Task _refreshing = Task.CompletedTask;

    public SubjectRequestGauges(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _meter = new Meter(DataGuardMetrics.MeterName, DataGuardMetrics.Version);
        _meter.CreateObservableGauge(
            "dataguard.subject_requests.open",
            () => Observe(static c => c.Open),
            "{request}",
            "Data-subject requests received and not yet completed or rejected.");
        _meter.CreateObservableGauge(
            "dataguard.subject_requests.overdue", () => Observe(static c => c.Overdue), "{request}", "Open data-subject requests past their deadline.");
    }

    /// <summary>Reads the counts now (tests, and the first collection after start).</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = _scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<ISubjectRequestStore>() is not { } store)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var counts = await SubjectRequestCounts.ReadAsync(store, now, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _counts = counts;
            _refreshedAt = now;
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<SubjectRequestCounts, long> select)
    {
        SubjectRequestCounts? counts;
        lock (_gate)
        {
            counts = _counts;
            if (_time.GetUtcNow() - _refreshedAt >= RefreshAfter && _refreshing.IsCompleted)
            {
                _refreshing = Task.Run(async () =>
                {
                    try
                    {
                        await RefreshAsync().ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // a failed refresh keeps the last counts; the health check reports the store's problems
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                });
            }
        }

        return counts is null ? [] : [new Measurement<long>(select(counts))];
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();
}
