using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Subjects;

/// <summary>DataGuard's request history table, keyed by request and position, so that two writers cannot both add the
/// same step.</summary>
internal sealed class SubjectRequestChangeRowConfiguration : IEntityTypeConfiguration<SubjectRequestChangeRow>
{
    public const string TableName = "DataGuardSubjectRequestChanges";

    public void Configure(EntityTypeBuilder<SubjectRequestChangeRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(c => new { c.RequestId, c.Sequence });
        builder.Property(c => c.Action).HasConversion<string>().HasMaxLength(30).IsRequired();
        builder.Property(c => c.Actor).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(500);
    }
}
