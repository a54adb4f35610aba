using Microsoft.EntityFrameworkCore;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>The application's context: its patients, plus DataGuard's own tables (keys, audit, …) through
/// <c>UseEntityFrameworkStores</c>.</summary>
public class ClinicContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ClinicPatient> Patients => Set<ClinicPatient>();
}
