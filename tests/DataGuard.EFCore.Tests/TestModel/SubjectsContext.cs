using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The subject-rights tests' store context: a subject entity, a child with its own subject column, a grandchild
/// reached by a path, an anonymised entity and a lookup table.</summary>
public class SubjectsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Shopper> Shoppers => Set<Shopper>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<PurchaseLine> PurchaseLines => Set<PurchaseLine>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Review> Reviews => Set<Review>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<PurchaseLine>().HasSubjectPath(l => l.Purchase!.ShopperId);
}
