using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Audit;

/// <summary>The chain-head lock row. It is seeded (HasData), so it exists from EnsureCreated or the first migration and
/// the first append never races to create it.</summary>
internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHeadRecord>
{
    public const string HeadTable = "DataGuardAuditHead";

    public void Configure(EntityTypeBuilder<AuditHeadRecord> builder)
    {
        builder.ToTable(HeadTable);
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(32);
        builder.Property(h => h.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.HasIndex(h => h.TenantId).IsUnique();
        builder.HasData(new AuditHeadRecord { Id = AuditHeadRecord.SingletonId, TenantId = AuditTenant.Platform, Sequence = 0, Hash = new byte[32] });
    }
}
