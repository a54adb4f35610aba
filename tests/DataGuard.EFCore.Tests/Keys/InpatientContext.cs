using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>A subject-key entity whose personal values are scalars, not strings.</summary>
[Erasure(ErasureAction.Anonymize)]
public class Inpatient
{
    [DataSubject] public Guid Id { get; set; }

    [Personal] public string Name { get; set; } = "";

    [Personal] public DateOnly BirthDate { get; set; }

    [Personal] public decimal? WeightKg { get; set; }

    [Personal] public Guid InsuranceId { get; set; }

    public string Ward { get; set; } = "";
}

public class InpatientContext(DbContextOptions<InpatientContext> options) : DbContext(options)
{
    public DbSet<Inpatient> Inpatients => Set<Inpatient>();
}
