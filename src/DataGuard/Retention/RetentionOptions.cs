namespace DataGuard;

/// <summary>Settings of retention, in <see cref="DataGuardOptions.Retention"/>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The batch size used when <see cref="BatchSize"/> is not set, except on SQLite.</summary>
    internal const int DefaultBatchSize = 10_000;

    /// <summary>The batch size used on SQLite when <see cref="BatchSize"/> is not set.</summary>
    internal const int SqliteDefaultBatchSize = 100_000;

    private int? _batchSize;

    /// <summary>How many rows one batch deletes or anonymises; each batch is one statement and its own transaction, so a
    /// crash loses at most the batch in flight. When not set: 10,000, and 100,000 on SQLite (this property reads 10,000
    /// until it is set). Smaller batches hold locks for less time; larger ones commit less often. On SQLite every commit
    /// rewrites each index page the batch touched (a random-Guid subject index spreads any batch over nearly all of its
    /// pages), so the cost of a purge grows with rows ÷ batch size; SQLite has one writer and no row locks to hold short,
    /// and 100,000 keeps a purge of a million rows within 2x of one unbatched DELETE where 10,000 takes 6x (see
    /// benchmarks/README.md). Between 1 and 100,000.</summary>
    public int BatchSize
    {
        get => _batchSize ?? DefaultBatchSize;
        set => _batchSize = value;
    }

    /// <summary>The batch size for a provider: the one set, or the provider's default.</summary>
    internal int BatchSizeFor(bool sqlite) => _batchSize ?? (sqlite ? SqliteDefaultBatchSize : DefaultBatchSize);

    /// <summary>How often the retention job (<c>AddRetentionJob()</c>) runs; it also runs once at start-up. Defaults to
    /// one hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an instance owns a policy's lease without renewing it. While a run works, a heartbeat renews the lease
    /// every third of this time, and the run releases it at the end, so this only matters when an instance dies
    /// mid-run: another instance takes the policy over once the lease expires. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
