using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Tenants;

/// <summary>The tenants' contract ends and offboarding reports (docs/tenants.md, "Offboarding").</summary>
internal sealed class TenantContractRowConfiguration : IEntityTypeConfiguration<TenantContractRow>
{
    public const string TableName = "DataGuardTenantContracts";

    public void Configure(EntityTypeBuilder<TenantContractRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(r => r.TenantId);
        builder.Property(r => r.TenantId).HasMaxLength(TenantIds.MaxLength).ValueGeneratedNever();
        builder.HasIndex(r => r.ContractEndsAt);
    }
}
