using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The encryption tests' store context: keys live in its DataGuardKeys table.</summary>
public class VaultContext(DbContextOptions<VaultContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Customer>().Property(c => c.Name).HasMaxLength(40);
}
