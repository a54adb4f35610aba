namespace DataGuard.Retention;

/// <summary>The outcome of one retention run (<see cref="IRetentionService.RunAsync"/>).</summary>
public sealed class RetentionReport
{
    /// <summary>Whether the run was a dry run: counts say what would have changed, and nothing did.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The tenant the run was for (<see cref="Tenants.ITenantContext.Current"/> when it ran): it worked only that
    /// tenant's rows, holds and keys, and its audit entries are on that tenant's chain. <see langword="null"/> for a run
    /// at platform level (an application without tenants).</summary>
    public string? TenantId { get; init; }

    /// <summary>When the run started (from the application's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>One entry per entity under a retention policy, in the order of work (dependents before their
    /// principals), then one per entity type without a policy whose rows the run deleted by cascade or anonymised.</summary>
    public required IReadOnlyList<RetentionEntityReport> Entities { get; init; }

    /// <summary>Whether DataGuard made sure that the database's own files keep no copy of what this run deleted,
    /// anonymised or shredded: on SQLite, deleted content was overwritten with zeros (<c>secure_delete</c>) and the
    /// write-ahead log was checkpointed and emptied. <see langword="false"/> for a dry run, a run that changed nothing,
    /// when another connection kept the log from being emptied through every retry, and on databases where DataGuard
    /// cannot ensure it (PostgreSQL; see docs/retention.md).</summary>
    public bool Scrubbed { get; init; }

    /// <summary>Rows past their period, over all entities.</summary>
    public long Due => Entities.Sum(static e => e.Due);

    /// <summary>Rows deleted (or, in a dry run, that would be), over all entities.</summary>
    public long Purged => Entities.Sum(static e => e.Purged);

    /// <summary>Rows anonymised (or, in a dry run, that would be), over all entities.</summary>
    public long Anonymized => Entities.Sum(static e => e.Anonymized);

    /// <summary>Rows made unreadable by crypto-shredding (or, in a dry run, that would be), over all entities.</summary>
    public long Shredded => Entities.Sum(static e => e.Shredded);

    /// <summary>Rows past their period but kept because of a legal hold, over all entities.</summary>
    public long Held => Entities.Sum(static e => e.Held);

    /// <summary>Whether any entity reported an error.</summary>
    public bool HasErrors => Entities.Any(static e => e.Errors.Count > 0);
}
