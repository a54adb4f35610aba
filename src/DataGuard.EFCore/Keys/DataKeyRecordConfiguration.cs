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

        // Subject keys (crypto-shredding): one per subject, found by subject id; NULL for ring keys, which a unique
        // index allows any number of on SQLite and PostgreSQL (SQL Server's provider filters them out of the index).
        builder.Property(k => k.SubjectId).HasMaxLength(DataGuard.SubjectId.MaxLength);
        builder.HasIndex(k => k.SubjectId).IsUnique();
    }
}
