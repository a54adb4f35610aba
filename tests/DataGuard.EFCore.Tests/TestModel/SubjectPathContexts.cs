using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The subjects model with the order line's path ending at a property that is not the subject.</summary>
public class PathToNonSubjectContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PurchaseLine> Lines => Set<PurchaseLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<PurchaseLine>().HasSubjectPath(l => l.Purchase!.Total);
}

/// <summary>The path reaches an entity without a subject property.</summary>
public class PathToLookupContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PurchaseLine> Lines => Set<PurchaseLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<PurchaseLine>().HasSubjectPath(l => l.Category!.Name);
}

/// <summary>The path's first step is not a navigation.</summary>
public class PathThroughScalarContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PurchaseLine> Lines => Set<PurchaseLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<PurchaseLine>().HasSubjectPath(l => l.Engraving!.Length);
}

/// <summary>The order line without a path: personal data no subject reaches.</summary>
public class NoPathContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PurchaseLine> Lines => Set<PurchaseLine>();
}
