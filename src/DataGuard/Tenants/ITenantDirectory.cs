namespace DataGuard.Tenants;

/// <summary>
/// The application's list of its tenants, for DataGuard's work that runs for every tenant in turn: the retention job
/// (<c>AddRetentionJob()</c>) runs each tenant's retention inside the tenant's scope. Register one when each tenant has
/// a database of its own: DataGuard cannot find those tenants in a shared table. With one shared database DataGuard also
/// finds every tenant that has rows under a retention policy by itself; a directory adds the tenants it lists.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>The tenants whose data DataGuard's scheduled work must cover, each a tenant id as
    /// <see cref="ITenantContext.Begin"/> takes it. Called at platform level (outside any tenant's scope) once per
    /// run.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The tenant ids; an id that is not a valid tenant id is skipped and counted in the job's log.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IReadOnlyCollection<string>> ActiveTenantsAsync(CancellationToken cancellationToken);
}
