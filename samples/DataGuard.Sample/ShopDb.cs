using Microsoft.EntityFrameworkCore;

namespace DataGuard.Sample;

public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Country> Countries => Set<Country>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Country>().HasKey(c => c.Code);
}
