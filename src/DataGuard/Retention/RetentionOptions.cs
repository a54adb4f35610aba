namespace DataGuard;

/// <summary>Settings of retention, in <see cref="DataGuardOptions.Retention"/>.</summary>
public sealed class RetentionOptions
{
    /// <summary>How many rows one batch deletes or anonymises; each batch is its own transaction. Defaults to 1,000.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>How often the retention job (<c>AddRetentionJob()</c>) runs; it also runs once at start-up. Defaults to
    /// one hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an instance owns a policy's lease without renewing it. The lease is renewed after every batch and
    /// released at the end, so this only matters when an instance dies mid-run: another instance takes the policy
    /// over once the lease expires. It must exceed the time one batch takes. Defaults to five minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
