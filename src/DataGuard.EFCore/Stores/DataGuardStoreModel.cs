using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Consent;
using DataGuard.EFCore.Forwarding;
using DataGuard.EFCore.Keys;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Stores;

/// <summary>
/// DataGuard's own tables, added to the store context's model after the application's <c>OnModelCreating</c>. They
/// become part of the application's migrations like ASP.NET Core Identity's tables do. Each feature adds its
/// configuration here.
/// </summary>
internal static class DataGuardStoreModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new DataKeyRecordConfiguration());
        modelBuilder.ApplyConfiguration(new ConsentRecordRowConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration())
            .ApplyConfiguration(new AuditHeadConfiguration())
            .ApplyConfiguration(new AuditCheckpointConfiguration());
        modelBuilder.ApplyConfiguration(new DataGuard.EFCore.Retention.LegalHoldRecordConfiguration());
        modelBuilder.ApplyConfiguration(new Leases.LeaseRecordConfiguration());
        modelBuilder.ApplyConfiguration(new DataGuard.EFCore.Forwarding.AuditForwardCursorConfiguration());
        modelBuilder.ApplyConfiguration(new DataGuard.EFCore.Subjects.SubjectRequestRowConfiguration())
            .ApplyConfiguration(new DataGuard.EFCore.Subjects.SubjectRequestChangeRowConfiguration());
        modelBuilder.ApplyConfiguration(new DataGuard.EFCore.Subjects.ErasureReportRowConfiguration());
        modelBuilder.ApplyConfiguration(new DataGuard.EFCore.Tenants.TenantContractRowConfiguration());
    }
}
