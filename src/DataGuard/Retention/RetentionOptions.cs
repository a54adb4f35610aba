namespace DataGuard;

/// <summary>Settings of retention, in <see cref="DataGuardOptions.Retention"/>.</summary>
public sealed class RetentionOptions
{
    /// <summary>How many rows one batch deletes or anonymises; each batch is one statement and its own transaction.
    /// Defaults to 10,000. Larger batches commit less often (on SQLite a commit costs journal syncs; 50,000 comes within
    /// 1.4–1.9x of a single unbatched DELETE), smaller ones hold row locks for less time.</summary>
    public int BatchSize { get; set; } = 10_000;

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
