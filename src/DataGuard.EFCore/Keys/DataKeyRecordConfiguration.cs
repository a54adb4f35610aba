using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EntityFrameworkCore.Keys;

internal sealed class DataKeyRecordConfiguration : IEntityTypeConfiguration<DataKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataKeyRecord> builder)
    {
        builder.ToTable("DataGuardKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedOnAdd();
        builder.Property(k => k.WrappedKey).HasMaxLength(4096);
    }
}
