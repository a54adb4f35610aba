namespace DataGuard.Sample.Tour;

/// <summary>A clock the tour moves forward, so records age without waiting (tests use FakeTimeProvider the same way).</summary>
internal sealed class SampleClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
