using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Audit;

/// <summary>The table of signed checkpoints, keyed by the chain and sequence they sign.</summary>
internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpointRecord>
{
    public const string CheckpointsTable = "DataGuardAuditCheckpoints";

    public void Configure(EntityTypeBuilder<AuditCheckpointRecord> builder)
    {
        builder.ToTable(CheckpointsTable);
        builder.HasKey(c => new { c.TenantId, c.Sequence });
        builder.Property(c => c.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(32);
    }
}
