using System.ComponentModel.DataAnnotations;
using DataGuard.Model;

namespace DataGuard.Retention;

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
    [Range(1, RetentionOptionsValidator.MaxBatchSize)]
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

    /// <summary>The longest retention period an override may set, in days (100 years).</summary>
    internal const int MaxOverrideDays = 36_500;

    /// <summary>
    /// Retention periods in days by entity name (as in the data map, for example <c>"Customer"</c>), overriding the
    /// <c>[Retain]</c> or fluent period when the retention job runs, so that operators can change a period from
    /// configuration without a release. The action and the date the period counts from stay as declared. An override
    /// never shortens a period declared as a legal minimum (<see cref="Model.RetentionPolicy.LegalRequirement"/>): the
    /// minimum wins. Names are case-sensitive, as entity names are; 1 to 36,500 days.
    /// </summary>
    public IDictionary<string, int> Overrides { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The policy a retention run applies to an entity: its declared policy with the period overridden.</summary>
    internal Model.RetentionPolicy PolicyFor(string entity, Model.RetentionPolicy declared)
        => Overrides.TryGetValue(entity, out var days) && days != declared.Days && (!declared.IsMinimum || days > declared.Days)
            ? declared.WithDays(days)
            : declared;
}
