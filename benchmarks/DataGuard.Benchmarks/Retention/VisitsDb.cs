using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Retention;

public class VisitsDb(DbContextOptions<VisitsDb> options) : DbContext(options)
{
    public DbSet<BenchmarkVisit> Visits => Set<BenchmarkVisit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<BenchmarkVisit>().ToTable("Visits");
}
