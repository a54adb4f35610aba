using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using DataGuard.EFCore.Model;
using DataGuard.Retention;
using DataGuard.Tenants.Keys;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tenants;

/// <summary>The dry run of offboarding, inside the tenant's scope: the contract and its retention period, the tenant's
/// active legal holds, its rows and DataGuard records counted with plain SQL, and its key-encryption keys. Reads only.</summary>
internal sealed class TenantOffboardingPlanner(TenantKeyShredder shredder, ILegalHoldService holds, TimeProvider time)
{
    public async Task<TenantOffboardingPlan> PlanAsync(
        DbContext context, string tenant, TenantOffboardingOptions options, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var contract = await context.Set<TenantContractRow>().AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenant, cancellationToken)
            .ConfigureAwait(false);
        DateTimeOffset? endsAt = contract is null ? null : new DateTimeOffset(TenantContractRow.Utc(contract.ContractEndsAt));
        var dueAt = endsAt + options.RetentionAfterContractEnd;
        var blockers = new List<string>();
        if (contract is null)
        {
            blockers.Add($"no contract end is recorded for tenant '{tenant}' (ITenantLifecycle.RecordContractEndAsync).");
        }
        else if (contract.OffboardedAt is { } offboarded)
        {
            blockers.Add($"tenant '{tenant}' was offboarded at {Time(offboarded)}.");
        }
        else if (now < dueAt)
        {
            blockers.Add($"the retention period after tenant '{tenant}''s contract end runs until {Time(dueAt.Value.UtcDateTime)}.");
        }

        var activeHolds = (await holds.GetActiveAsync(cancellationToken).ConfigureAwait(false)).Count;
        if (activeHolds > 0)
        {
            blockers.Add($"tenant '{tenant}' has {activeHolds} active legal hold(s): release them (ILegalHoldService) before offboarding.");
        }

        SetupBlockers(blockers, context, options, certificate);
        var entities = await TenantTableSql.CountAsync(context, TenantTables.Application(context, options.DatabasePerTenant), tenant, cancellationToken)
            .ConfigureAwait(false);
        var store = await TenantTableSql.CountAsync(context, TenantTables.Store(context), tenant, cancellationToken).ConfigureAwait(false);
        var keys = await shredder.CheckAsync(tenant, cancellationToken).ConfigureAwait(false);
        return new TenantOffboardingPlan
        {
            Tenant = tenant,
            ContractEndsAt = endsAt,
            DueAt = dueAt,
            PlannedAt = now,
            Rows = options.Rows,
            WritesHandoverArchive = options.HandoverArchiveDirectory is not null,
            Entities = Counts(entities),
            StoreRecords = Counts(store),
            KeyEncryptionKeyIds = keys.KeyEncryptionKeyIds,
            TenantKeyCount = keys.TenantKeyCount,
            ActiveLegalHolds = activeHolds,
            Blockers = blockers,
            KeyPlan = keys,
        };
    }

    /// <summary>What the configuration keeps from offboarding: no signing certificate, a model without tenant columns in
    /// a shared database, a handover archive directory that does not exist.</summary>
    private static void SetupBlockers(List<string> blockers, DbContext context, TenantOffboardingOptions options, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            blockers.Add("no certificate signs the offboarding report: set TenantOffboardingOptions.SigningCertificate or SubjectRights.SigningCertificate.");
        }

        if (options.HandoverArchiveDirectory is { } directory && !Directory.Exists(directory))
        {
            blockers.Add($"the handover archive directory '{directory}' (TenantOffboardingOptions.HandoverArchiveDirectory) does not exist.");
        }

        if (!TenantColumn.Any(context.Model) && !options.DatabasePerTenant)
        {
            blockers.Add($"{context.GetType().Name}'s model has no tenant column: with a database per tenant set TenantOffboardingOptions.DatabasePerTenant, " +
                "otherwise declare the tenant columns ([TenantId] or HasTenant).");
        }
    }

    /// <summary>Counts by name, rows of one name (the tables of one hierarchy) added up.</summary>
    public static List<TenantOffboardingCount> Counts(IEnumerable<TenantTableCount> counts)
        => [.. counts.GroupBy(static c => c.Table.Name, StringComparer.Ordinal)
            .Select(static g => new TenantOffboardingCount(g.Key, g.Sum(static c => c.Rows)))];

    private static string Time(DateTime utc) => TenantContractRow.Utc(utc).ToString("O", CultureInfo.InvariantCulture);
}
