using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Forwarding;

internal sealed class AuditForwardCursorConfiguration : IEntityTypeConfiguration<AuditForwardCursorRecord>
{
    public void Configure(EntityTypeBuilder<AuditForwardCursorRecord> builder)
    {
        builder.ToTable("DataGuardAuditForwardCursors");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(AuditForwardCursorRecord.MaxNameLength);
    }
}
