using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A shared-database application with query filters of its own that are wrong for DataGuard's work: the
/// clients' filter shows one fixed tenant's rows (<see cref="AppTenant"/>, globex by default: it would leak globex's rows
/// to acme and hide acme's) and soft-deleted ones are hidden; the notes' filter hides every row.</summary>
public class TenantShopContext(DbContextOptions options) : DbContext(options)
{
    public string AppTenant { get; set; } = "globex";

    public DbSet<TenantClient> Clients => Set<TenantClient>();

    public DbSet<TenantNote> Notes => Set<TenantNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenantClient>().HasQueryFilter("Tenant", c => c.TenantId == AppTenant);
        modelBuilder.Entity<TenantClient>().HasQueryFilter("SoftDelete", c => !c.IsDeleted);
        modelBuilder.Entity<TenantNote>().HasTenant(n => n.Tenant);
        modelBuilder.Entity<TenantNote>().HasQueryFilter(n => AppTenant == "nobody");
    }
}
