using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using DataGuard.Benchmarks.Encryption;

namespace DataGuard.Benchmarks.Diagnostics;

/// <summary>
/// The cost of DataGuard's metrics and traces on the hot paths: the field codec (encrypt + decrypt of a 64-byte string,
/// <see cref="FieldCodecBenchmarks.DataGuardFieldLibsodium"/>) and an EF Core read of encrypted rows
/// (<see cref="EfCoreEncryptionBenchmarks.ReadEncryptedNoTracking"/>), each without listeners (<c>Listened=False</c>, the
/// baseline) and with a <see cref="MeterListener"/> that aggregates every DataGuard instrument and an
/// <see cref="ActivityListener"/> that samples every DataGuard span (<c>Listened=True</c>), as an OpenTelemetry SDK does.
/// Target: each listened mean within 1.05x of its unlistened mean, in the same run.
/// </summary>
[MemoryDiagnoser]
public class TelemetryOverheadBenchmarks
{
    private readonly FieldCodecBenchmarks _codec = new() { Size = 64 };
    private readonly EfCoreEncryptionBenchmarks _read = new();
    private MeterListener? _meters;
    private ActivityListener? _activities;
    private long _measured;

    [Params(false, true)]
    public bool Listened { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _codec.Setup();
        _read.Setup();
        if (!Listened)
        {
            return;
        }

        _meters = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == "DataGuard")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, tags, _) => Interlocked.Add(ref _measured, value + tags.Length));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == "DataGuard",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meters?.Dispose();
        _activities?.Dispose();
        _codec.Cleanup();
        _read.Cleanup();
    }

    [Benchmark]
    public string Codec() => _codec.DataGuardFieldLibsodium();

    [Benchmark]
    public int EfCoreRead() => _read.ReadEncryptedNoTracking();
}
