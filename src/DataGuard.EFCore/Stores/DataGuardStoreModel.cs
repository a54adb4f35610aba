using DataGuard.EntityFrameworkCore.Consent;
using DataGuard.EntityFrameworkCore.Keys;
using DataGuard.EntityFrameworkCore.Audit;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EntityFrameworkCore.Stores;

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
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration()).ApplyConfiguration(new AuditHeadConfiguration()).ApplyConfiguration(new AuditCheckpointConfiguration());
        modelBuilder.ApplyConfiguration(new Retention.LegalHoldRecordConfiguration());
        modelBuilder.ApplyConfiguration(new Leases.LeaseRecordConfiguration());
        modelBuilder.ApplyConfiguration(new Forwarding.AuditForwardCursorConfiguration());
        modelBuilder.ApplyConfiguration(new Subjects.SubjectRequestRowConfiguration()).ApplyConfiguration(new Subjects.SubjectRequestChangeRowConfiguration());
        modelBuilder.ApplyConfiguration(new Subjects.ErasureReportRowConfiguration());
    }
}
