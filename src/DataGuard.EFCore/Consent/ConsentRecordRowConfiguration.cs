using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Consent;

/// <summary>DataGuard's consent table. The check reads the newest row for (tenant, subject, purpose), so the index leads
/// with those three columns and ends with the append order. The same subject id in two tenants is two subjects.</summary>
internal sealed class ConsentRecordRowConfiguration : IEntityTypeConfiguration<ConsentRecordRow>
{
    public const string TableName = "DataGuardConsentRecords";
    public const string CheckIndexName = "IX_DataGuardConsentRecords_TenantId_SubjectId_Purpose_Id";

    public void Configure(EntityTypeBuilder<ConsentRecordRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(r => r.SubjectId).HasMaxLength(SubjectId.MaxLength).IsRequired();
        builder.Property(r => r.Purpose).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(r => r.NoticeVersion).HasMaxLength(100);
        builder.Property(r => r.Source).HasMaxLength(100);
        builder.Property(r => r.Actor).HasMaxLength(200);
        builder.HasIndex(r => new { r.TenantId, r.SubjectId, r.Purpose, r.Id }).HasDatabaseName(CheckIndexName);
    }
}
