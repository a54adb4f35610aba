using System.ComponentModel.DataAnnotations;
namespace DataGuard.Forwarding;

/// <summary>How audit entries are forwarded, in <c>DataGuardOptions.Operations.Forwarding</c>; validated at start-up.</summary>
public sealed class AuditForwardingOptions
{
    /// <summary>How many entries one send carries. 1 to 10,000; defaults to 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a forwarder waits before looking for new entries when it has sent them all. Defaults to five
    /// seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one send may take before it counts as failed. Defaults to 30 seconds.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance owns a destination without renewing it (it renews before every send); another
    /// instance takes the destination over once it expires. At least twice <see cref="SendTimeout"/>; defaults to two
    /// minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed send; it doubles with each failure in a row up to
    /// <see cref="RetryMaxDelay"/>. Defaults to one second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries. Defaults to five minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the destination may refuse one entry for good (<see cref="AuditForwardRejectedException"/>)
    /// before it becomes a dead letter: counted, logged and skipped. Transient failures (destination down, timeouts) are
    /// retried without limit. 1 to 100; defaults to 5.</summary>
    [Range(1, 100)]
    public int MaxRejections { get; set; } = 5;
}
