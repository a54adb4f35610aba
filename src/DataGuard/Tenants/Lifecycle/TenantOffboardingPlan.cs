namespace DataGuard.Tenants.Lifecycle;

/// <summary>
/// What offboarding a tenant would destroy, counted by <see cref="ITenantLifecycle.PlanOffboardingAsync"/> without
/// changing anything, and what keeps it from running now. <see cref="ITenantLifecycle.OffboardAsync"/> takes the plan and
/// counts again: it is refused when the plan is older than <see cref="Lifetime"/> or anything it counted changed.
/// </summary>
public sealed class TenantOffboardingPlan
{
    /// <summary>How long a plan stays valid for <see cref="ITenantLifecycle.OffboardAsync"/>.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    internal TenantOffboardingPlan()
    {
    }

    /// <summary>The tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>When the tenant's contract ends, or <see langword="null"/> when no end is recorded.</summary>
    public DateTimeOffset? ContractEndsAt { get; init; }

    /// <summary>When the retention period after the contract end is over, or <see langword="null"/> without an end.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the plan was made.</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>What happens to the rows.</summary>
    public TenantRowDisposal Rows { get; init; }

    /// <summary>The tenant's rows per entity of the application.</summary>
    public IReadOnlyList<TenantOffboardingCount> Entities { get; init; } = [];

    /// <summary>The tenant's records per DataGuard store table that offboarding deletes.</summary>
    public IReadOnlyList<TenantOffboardingCount> StoreRecords { get; init; } = [];

    /// <summary>The ids of the tenant's key-encryption keys that still have key material (shredded by offboarding).</summary>
    public IReadOnlyList<int> KeyEncryptionKeyIds { get; init; } = [];

    /// <summary>How many of the tenant's data and blind-index keys those key-encryption keys wrap.</summary>
    public int TenantKeyCount { get; init; }

    /// <summary>The tenant's active legal holds; any of them blocks offboarding.</summary>
    public int ActiveLegalHolds { get; init; }

    /// <summary>Whether offboarding writes a handover archive (<see cref="TenantHandoverArchive"/>) into
    /// <see cref="TenantOffboardingOptions.HandoverArchiveDirectory"/> before it destroys anything.</summary>
    public bool WritesHandoverArchive { get; init; }

    /// <summary>Why offboarding cannot run now; empty when it can.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>Whether offboarding can run now (no <see cref="Blockers"/>).</summary>
    public bool CanOffboard => Blockers.Count == 0;

    /// <summary>The shredder's plan of the tenant's key-encryption keys.</summary>
    internal Keys.TenantKeyShredPlan? KeyPlan { get; init; }

    /// <summary>Whether <paramref name="other"/> (a fresh count) found the same as this plan.</summary>
    internal bool SameAs(TenantOffboardingPlan other)
        => string.Equals(Tenant, other.Tenant, StringComparison.Ordinal)
           && ContractEndsAt == other.ContractEndsAt
           && Rows == other.Rows
           && WritesHandoverArchive == other.WritesHandoverArchive
           && TenantKeyCount == other.TenantKeyCount
           && KeyEncryptionKeyIds.SequenceEqual(other.KeyEncryptionKeyIds)
           && Entities.SequenceEqual(other.Entities)
           && StoreRecords.SequenceEqual(other.StoreRecords);
}
