using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Tenants;

/// <summary>Both tables of <see cref="TenantKeyInterleaved"/>, with DataGuard's own tables (keys) beside them.</summary>
public class TenantBenchDb(DbContextOptions<TenantBenchDb> options) : DbContext(options)
{
    public DbSet<TenantBenchPatient> Patients => Set<TenantBenchPatient>();

    public DbSet<TenantBenchRecord> Records => Set<TenantBenchRecord>();
}
