namespace DataGuard.EFCore.Leases;

/// <summary>A lease a job asks for: its name (see <see cref="LeaseNames.For"/>), its time to live (a heartbeat renews it
/// every third of it), and who is told of a renewal or a release that threw.</summary>
internal sealed record LeaseRequest(string Name, TimeSpan TimeToLive)
{
    /// <summary>Told of a renewal that threw (it is retried at the next beat).</summary>
    public Action<Exception>? RenewFailed { get; init; }

    /// <summary>Told of a release that threw (the lease then expires by itself); when not set, the exception propagates.</summary>
    public Action<Exception>? ReleaseFailed { get; init; }
}
