using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>The audit chain table: sequence as primary key, indexes for the queries (subject, entity, time, actor).</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    public const string EntriesTable = "DataGuardAuditEntries";

    public void Configure(EntityTypeBuilder<AuditEntryRecord> builder)
    {
        builder.ToTable(EntriesTable);
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.SubjectId).HasMaxLength(SubjectId.MaxLength);
        builder.Property(e => e.EntityType).HasMaxLength(200);
        builder.Property(e => e.EntityKey).HasMaxLength(200);
        builder.Property(e => e.Properties).HasMaxLength(4000);
        builder.Property(e => e.Purpose).HasMaxLength(100);
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.Property(e => e.PreviousHash).HasMaxLength(32);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.HasIndex(e => e.SubjectId);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => e.Actor);
    }
}
