using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Subjects;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Tenants;

/// <summary>What offboarding did to the database and the tenant's keys.</summary>
internal sealed record TenantDestruction(
    List<TenantTableCount> Entities, List<TenantTableCount> StoreRecords, IReadOnlyList<int> ShreddedKeyEncryptionKeyIds, bool Vacuumed, bool Scrubbed)
{
    /// <summary>
    /// In one transaction, deletes the tenant's rows (or counts them, to leave them unreadable) and its records in
    /// DataGuard's tables, wrapped keys included; after the commit, <paramref name="shredKeys"/> destroys the tenant's
    /// key-encryption keys; then, on SQLite, the file is compacted and the write-ahead log emptied, so neither a deleted
    /// cell nor the key-encryption key's old wrapped bytes stay in the database's files (<see cref="SqliteScrubber"/>,
    /// <see cref="SqliteVacuum"/>). The transaction starts while the tenant's keys still exist: DataGuard loads the
    /// tenant's key ring when a transaction starts in its scope. The token cancels the transaction; after the commit the
    /// work completes.
    /// </summary>
    public static async Task<TenantDestruction> RunAsync(
        DbContext context,
        string tenant,
        TenantOffboardingOptions options,
        Func<Task<IReadOnlyList<int>>> shredKeys,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        using var internalStatements = DataGuardStatements.Begin();
        await using var scrub = await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false);
        var application = TenantTables.Application(context, options.DatabasePerTenant);
        List<TenantTableCount> entities;
        List<TenantTableCount> store;
        await using (var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            entities = options.Rows == TenantRowDisposal.Delete
                ? await TenantTableSql.DeleteAsync(context, application, tenant, cancellationToken).ConfigureAwait(false)
                : await TenantTableSql.CountAsync(context, application, tenant, cancellationToken).ConfigureAwait(false);
            store = await TenantTableSql.DeleteAsync(context, TenantTables.Store(context), tenant, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var shredded = await shredKeys().ConfigureAwait(false);
        var vacuumed = await SqliteVacuum.RunAsync(context, logger, CancellationToken.None).ConfigureAwait(false);
        var scrubbed = await scrub.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        return new TenantDestruction(entities, store, shredded, vacuumed && scrubbed == ScrubOutcome.Scrubbed, scrubbed == ScrubOutcome.Scrubbed);
    }
}
