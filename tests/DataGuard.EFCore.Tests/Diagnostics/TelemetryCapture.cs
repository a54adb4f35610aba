using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DataGuard.EFCore.Tests.Diagnostics;

/// <summary>Listens to the <c>DataGuard</c> meter and activity source through the OpenTelemetry SDK, exporting to
/// memory. Other tests run in parallel in the same process, so assertions look for this test's tags, not totals.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly MeterProvider _meters;
    private readonly TracerProvider _tracer;
    private readonly List<Metric> _metrics = [];

    public TelemetryCapture(params string[] moreSources)
    {
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter("DataGuard").AddInMemoryExporter(_metrics).Build()!;
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(["DataGuard",
            .. moreSources]).SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(Activities).Build()!;
    }

    /// <summary>The points of the last <see cref="Collect"/>.</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Tags, double Value)> Last { get; private set; } = [];

    public List<Activity> Activities { get; } = [];

    /// <summary>Collects and returns every metric point: instrument name, tags and value (sum or gauge).</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Tags, double Value)> Collect()
    {
        _metrics.Clear();
        _meters.ForceFlush();
        var points = new List<(string, IReadOnlyDictionary<string, object?>, double)>();
        foreach (var metric in _metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                var value = metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                    _ => double.NaN,
                };
                points.Add((metric.Name, tags, value));
            }
        }

        Last = points;
        return points;
    }

    /// <summary>The finished spans of one trace (a test's own root span), so that parallel tests do not mix in.</summary>
    public IEnumerable<Activity> Spans(ActivityTraceId trace)
    {
        _tracer.ForceFlush();
        return Activities.Where(a => a.TraceId == trace).ToList();
    }

    public void Dispose()
    {
        _meters.Dispose();
        _tracer.Dispose();
    }
}
