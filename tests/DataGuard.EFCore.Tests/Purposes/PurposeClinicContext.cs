using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Purposes;

public sealed class PurposeClinicContext(DbContextOptions<PurposeClinicContext> options) : DbContext(options)
{
    public DbSet<CarePatient> Patients => Set<CarePatient>();

    public DbSet<PayrollRecord> Payroll => Set<PayrollRecord>();
}
