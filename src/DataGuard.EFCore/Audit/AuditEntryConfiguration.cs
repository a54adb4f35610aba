using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The audit chain table: sequence as primary key, and only the indexes every append pays for because a frequent query
/// needs them: subject (the subject's audit, part of the DSAR export; indexed by its narrow <see cref="AuditSubjectKey"/>) and time (time-range queries; an
/// append-only
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
        builder.HasKey(e => new { e.TenantId, e.Sequence });
        builder.Property(e => e.Sequence).ValueGeneratedNever();

        // The same column list as the appender's statements and bindings (AuditEntryColumns): a column is added there.
        foreach (var column in AuditEntryColumns.All)
        {
            if (column.MaxLength is { } length)
            {
                builder.Property(column.Name).HasMaxLength(length);
            }
        }

        builder.HasIndex(e => new { e.TenantId, e.SubjectKey });
        builder.HasIndex(e => new { e.TenantId, e.Timestamp });
    }
}
