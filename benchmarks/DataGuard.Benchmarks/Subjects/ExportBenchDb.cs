using Microsoft.EntityFrameworkCore;

namespace DataGuard.Benchmarks.Subjects;

/// <summary>Five entity types a subject reaches: the subject itself, three children with their own subject column and a
/// grandchild reached by a path.</summary>
public sealed class ExportBenchDb(DbContextOptions<ExportBenchDb> options) : DbContext(options)
{
    public DbSet<ExportCustomer> Customers => Set<ExportCustomer>();
    public DbSet<ExportOrder> Orders => Set<ExportOrder>();
    public DbSet<ExportOrderLine> Lines => Set<ExportOrderLine>();
    public DbSet<ExportVisit> Visits => Set<ExportVisit>();
    public DbSet<ExportMessage> Messages => Set<ExportMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<ExportOrderLine>().HasSubjectPath(l => l.Order!.CustomerId);
}
