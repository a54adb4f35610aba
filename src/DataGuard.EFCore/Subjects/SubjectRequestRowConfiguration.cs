using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Subjects;

/// <summary>DataGuard's request table. A subject's requests are read by tenant and subject id; the overdue query and
/// the console's inbox read open statuses of the tenant by deadline.</summary>
internal sealed class SubjectRequestRowConfiguration : IEntityTypeConfiguration<SubjectRequestRow>
{
    public const string TableName = "DataGuardSubjectRequests";

    public void Configure(EntityTypeBuilder<SubjectRequestRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TenantId).HasMaxLength(TenantIds.MaxLength).IsConcurrencyToken();
        builder.Property(r => r.SubjectId).HasMaxLength(SubjectId.MaxLength).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TenantId, r.SubjectId, r.ReceivedAt }).HasDatabaseName("IX_DataGuardSubjectRequests_TenantId_SubjectId_ReceivedAt");
        builder.HasIndex(r => new { r.TenantId, r.Status, r.DueAt }).HasDatabaseName("IX_DataGuardSubjectRequests_TenantId_Status_DueAt");
    }
}
