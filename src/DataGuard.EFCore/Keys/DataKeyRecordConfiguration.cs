using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Keys;

internal sealed class DataKeyRecordConfiguration : IEntityTypeConfiguration<DataKeyRecord>
{
    /// <summary>The shadow column that counts the encryptions reserved under a key.</summary>
    public const string EncryptionsReservedColumn = "EncryptionsReserved";

    /// <summary>The tenant column: nullable, at most 64 characters (a tenant id).</summary>
    public const string TenantIdColumn = "TenantId";

    public void Configure(EntityTypeBuilder<DataKeyRecord> builder)
    {
        builder.ToTable("DataGuardKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedOnAdd();
        builder.Property(k => k.WrappedKey).HasMaxLength(4096);

        // Subject keys (crypto-shredding): one per subject, found by subject id; NULL for ring keys, which a unique
        // index allows any number of on SQLite and PostgreSQL (SQL Server's provider filters them out of the index).
        builder.Property(k => k.SubjectId).HasMaxLength(DataGuard.Subjects.SubjectId.MaxLength);

        // Tenant keys (docs/tenants.md#tenant-keys): NULL for the platform's keys, as every key written before tenants.
        // One subject key per subject within its tenant: the same subject id in two tenants is two subjects. Two filtered
        // indexes, because a unique index treats NULL tenants as distinct on SQLite and PostgreSQL.
        builder.Property(k => k.TenantId).HasColumnName(TenantIdColumn).HasMaxLength(TenantIds.MaxLength);
        builder.HasIndex(k => k.SubjectId).IsUnique().HasFilter($"\"{TenantIdColumn}\" IS NULL");
        builder.HasIndex(k => new { k.TenantId, k.SubjectId }).IsUnique().HasFilter($"\"{TenantIdColumn}\" IS NOT NULL");

        // The nonce budget (Encryption.NonceBudget): encryptions reserved under each ring data key, in blocks, by every
        // instance. A shadow column: only the key store's atomic reservation reads and writes it.
        builder.Property<long>(EncryptionsReservedColumn);
    }
}
