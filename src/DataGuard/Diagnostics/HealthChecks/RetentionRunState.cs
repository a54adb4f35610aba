namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>What the retention job of this instance last did, for the retention health check.</summary>
internal sealed class RetentionRunState(TimeProvider time)
{
    private readonly object _gate = new();

    /// <summary>When the job was created (the reference before its first run).</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public DateTimeOffset? LastSuccess { get; private set; }

    public DateTimeOffset? LastFailure { get; private set; }

    public void Succeeded()
    {
        lock (_gate)
        {
            LastSuccess = time.GetUtcNow();
        }
    }

    public void Failed()
    {
        lock (_gate)
        {
            LastFailure = time.GetUtcNow();
        }
    }
}
