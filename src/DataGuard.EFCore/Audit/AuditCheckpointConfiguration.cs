using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Audit;

/// <summary>The table of signed checkpoints, keyed by the sequence they sign.</summary>
internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpointRecord>
{
    public const string CheckpointsTable = "DataGuardAuditCheckpoints";

    public void Configure(EntityTypeBuilder<AuditCheckpointRecord> builder)
    {
        builder.ToTable(CheckpointsTable);
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(32);
    }
}
