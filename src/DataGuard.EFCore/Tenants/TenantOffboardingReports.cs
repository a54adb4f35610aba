using DataGuard.Subjects;
using DataGuard.Tenants.Lifecycle;

namespace DataGuard.EFCore.Tenants;

/// <summary>Builds the offboarding report from the plan and what the database did.</summary>
internal static class TenantOffboardingReports
{
    public static TenantOffboardingReport Create(
        TenantOffboardingPlan plan, TenantDestruction destroyed, (DateTimeOffset Started, DateTimeOffset Completed) times, bool audited, ExportFile? archive)
    {
        var kept = new List<string>
        {
            "DataGuardKeys: the tenant's key-encryption key records, without key material (tombstones: no key can be created, and nothing read " +
                "or written, in the tenant's name again).",
            $"{TenantContractRowConfiguration.TableName}: the tenant's contract end and this report (the evidence of the deletion; no personal data).",
        };
        if (plan.Rows == TenantRowDisposal.LeaveUnreadable)
        {
            kept.Add("The application's rows of the tenant: left in place; their personal values are encrypted under keys that no longer exist.");
        }

        if (audited)
        {
            kept.Add("DataGuardAuditEntries: one entry recording this offboarding (no personal data), after the tenant's earlier entries were deleted.");
        }

        if (archive is not null)
        {
            kept.Add($"The handover archive {archive.Path}: written and verified before anything was destroyed, outside the database; it holds the " +
                "tenant's personal data in clear until the customer has it: delete it after the handover.");
        }

        return new TenantOffboardingReport
        {
            Tenant = plan.Tenant,
            ContractEndedAt = plan.ContractEndsAt!.Value,
            DueAt = plan.DueAt!.Value,
            StartedAt = times.Started,
            CompletedAt = times.Completed,
            Rows = plan.Rows,
            Entities = TenantOffboardingPlanner.Counts(destroyed.Entities),
            StoreRecords = TenantOffboardingPlanner.Counts(destroyed.StoreRecords),
            ShreddedKeyEncryptionKeyIds = destroyed.ShreddedKeyEncryptionKeyIds,
            Kept = kept,
            Vacuumed = destroyed.Vacuumed,
            Scrubbed = destroyed.Scrubbed,
            HandoverArchive = archive,
        };
    }
}
