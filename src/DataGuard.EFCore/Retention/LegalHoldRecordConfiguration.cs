using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Retention;

internal sealed class LegalHoldRecordConfiguration : IEntityTypeConfiguration<LegalHoldRecord>
{
    public const int MaxReasonLength = 1000;
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<LegalHoldRecord> builder)
    {
        builder.ToTable("DataGuardLegalHolds");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(h => h.SubjectId).HasMaxLength(SubjectId.MaxLength);
        builder.Property(h => h.EntityType).HasMaxLength(MaxNameLength);
        builder.Property(h => h.Reason).HasMaxLength(MaxReasonLength);
        builder.Property(h => h.PlacedBy).HasMaxLength(MaxNameLength);
        builder.Property(h => h.ReleasedBy).HasMaxLength(MaxNameLength);
        builder.HasIndex(h => new { h.TenantId, h.SubjectId });
    }
}
