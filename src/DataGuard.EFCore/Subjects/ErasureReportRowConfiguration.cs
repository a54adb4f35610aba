using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Subjects;

/// <summary>DataGuard's erasure-report table, keyed by the request's id. No foreign key: the report is the proof of an
/// erasure and outlives whatever happens to the request row.</summary>
internal sealed class ErasureReportRowConfiguration : IEntityTypeConfiguration<ErasureReportRow>
{
    public const string TableName = "DataGuardErasureReports";

    public void Configure(EntityTypeBuilder<ErasureReportRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(r => r.RequestId);
        builder.Property(r => r.RequestId).ValueGeneratedNever();
        builder.Property(r => r.TenantId).HasMaxLength(TenantIds.MaxLength);
        builder.Property(r => r.Json).IsRequired();
    }
}
