using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Leases;

internal sealed class LeaseRecordConfiguration : IEntityTypeConfiguration<LeaseRecord>
{
    public void Configure(EntityTypeBuilder<LeaseRecord> builder)
    {
        builder.ToTable("DataGuardLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(DatabaseLease.MaxNameLength);
        builder.Property(l => l.Holder).HasMaxLength(DatabaseLease.MaxNameLength);
    }
}
