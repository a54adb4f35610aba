using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>
/// The audit chain table: sequence as primary key, and only the indexes every append pays for because a frequent query
/// needs them: subject (the subject's audit, part of the DSAR export; indexed by its narrow <see cref="AuditSubjectKey"/>) and time (time-range queries; an append-only
/// index, cheap to maintain). Actor, action and entity queries filter the chain in sequence order, best combined with a
/// subject or time range; an entity index alone cost more than a third of the append time on SQLite, as its inserts
/// land all over the index (benchmarks/README.md, Audit trail).
/// </summary>
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

        // Masked old/new values (AuditOptions.RecordMaskedValues): no length limit, an entity may have many properties.
        builder.HasIndex(e => e.SubjectKey);
        builder.HasIndex(e => e.Timestamp);
    }
}
