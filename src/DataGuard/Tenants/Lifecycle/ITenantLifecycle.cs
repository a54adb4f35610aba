namespace DataGuard.Tenants.Lifecycle;

/// <summary>
/// The end of a tenant's life on the platform (GDPR Art. 28(3)(g): after the end of the service the processor deletes the
/// controller's personal data). <see cref="RecordContractEndAsync"/> records when the tenant's contract ends; once the
/// retention period after it (<see cref="TenantOffboardingOptions.RetentionAfterContractEnd"/>) has passed,
/// <see cref="OffboardAsync"/> deletes the tenant's rows (or leaves them unreadable) and DataGuard's own records of the
/// tenant, shreds the tenant's key-encryption key, and returns a signed report of what was destroyed.
/// Destructive, so it plans first: <see cref="PlanOffboardingAsync"/> is the dry run, and offboarding takes its plan.
/// </summary>
/// <remarks>Register with <c>AddDataGuard().UseEntityFrameworkStores&lt;TContext&gt;().AddTenantOffboarding(…)</c>. Each
/// call works inside the named tenant's scope: from another tenant's scope it is refused with
/// <see cref="TenantMismatchException"/>. See docs/tenants.md, "Offboarding".</remarks>
public interface ITenantLifecycle
{
    /// <summary>Records (or moves) the end of <paramref name="tenant"/>'s contract.</summary>
    /// <param name="tenant">The tenant id.</param>
    /// <param name="endsAt">When the contract ends (or ended); the retention period runs from here.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the end is stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a tenant id.</exception>
    /// <exception cref="TenantMismatchException">Another tenant's scope is open on this flow.</exception>
    /// <exception cref="TenantOffboardingException">The tenant was offboarded already.</exception>
    Task RecordContractEndAsync(string tenant, DateTimeOffset endsAt, CancellationToken cancellationToken = default);

    /// <summary>The dry run: what offboarding <paramref name="tenant"/> would destroy, and what keeps it from running now
    /// (<see cref="TenantOffboardingPlan.Blockers"/>). Changes nothing.</summary>
    /// <param name="tenant">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the counts.</param>
    /// <returns>The plan; pass it to <see cref="OffboardAsync"/> within <see cref="TenantOffboardingPlan.Lifetime"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a tenant id.</exception>
    /// <exception cref="TenantMismatchException">Another tenant's scope is open on this flow.</exception>
    Task<TenantOffboardingPlan> PlanOffboardingAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Offboards the tenant as <paramref name="plan"/> describes it: deletes its rows (or leaves them unreadable,
    /// <see cref="TenantOffboardingOptions.Rows"/>) and DataGuard's records of it in one transaction, shreds its
    /// key-encryption key, compacts a SQLite file, and returns the signed report.</summary>
    /// <param name="plan">The plan <see cref="PlanOffboardingAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the work until the deletion commits (nothing is changed then); after the
    /// commit the work completes.</param>
    /// <returns>The report, its JSON and its detached signature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="TenantMismatchException">Another tenant's scope is open on this flow.</exception>
    /// <exception cref="TenantOffboardingException">The plan has blockers (no contract end, retention period not over,
    /// an active legal hold, no signing certificate, offboarded already), or it is stale (older than
    /// <see cref="TenantOffboardingPlan.Lifetime"/>, or the tenant's data changed since): nothing was changed.</exception>
    Task<TenantOffboardingResult> OffboardAsync(TenantOffboardingPlan plan, CancellationToken cancellationToken = default);

    /// <summary>The scheduled run: plans every tenant whose retention period after its contract end has passed and, unless
    /// <paramref name="dryRun"/>, offboards those without blockers. Every plan and refusal is logged. Reads the contract
    /// ends at platform level (the shared database layout); with one database per tenant, call
    /// <see cref="PlanOffboardingAsync"/> and <see cref="OffboardAsync"/> per tenant instead.</summary>
    /// <param name="dryRun">Plan and log only.</param>
    /// <param name="cancellationToken">Cancels the run between tenants.</param>
    /// <returns>The reports of the tenants offboarded (none on a dry run).</returns>
    /// <exception cref="TenantMismatchException">A tenant's scope is open on this flow: run it at platform level.</exception>
    Task<IReadOnlyList<TenantOffboardingResult>> OffboardDueAsync(bool dryRun, CancellationToken cancellationToken = default);
}
