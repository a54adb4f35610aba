using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

public class ShopContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<LegacyCustomer> LegacyCustomers => Set<LegacyCustomer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LegacyCustomer>(b =>
        {
            b.HasDataSubject(c => c.Id);
            b.HasRetention(730, c => c.CreatedAt, RetentionAction.Anonymize);
            b.Property(c => c.Email).IsPersonal(PersonalCategory.Contact, searchable: true, mask: MaskStyle.Email);
            b.Property(c => c.Name).IsPersonal(PersonalCategory.Identity);
            b.Property(c => c.CardNumber).IsPersonal(PersonalCategory.Financial, mask: MaskStyle.Last4);
        });
    }
}
