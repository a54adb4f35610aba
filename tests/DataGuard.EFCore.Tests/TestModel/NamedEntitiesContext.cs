using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The two Contact classes again, the billing one named through the fluent API (the CRM one keeps the name its
/// stored values were written under), and a type named with the attribute.</summary>
public class NamedEntitiesContext(DbContextOptions<NamedEntitiesContext> options) : DbContext(options)
{
    public DbSet<Crm.Contact> CrmContacts => Set<Crm.Contact>();
    public DbSet<Billing.Contact> BillingContacts => Set<Billing.Contact>();
    public DbSet<Billing.Supplier> Suppliers => Set<Billing.Supplier>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Crm.Contact>().ToTable("CrmContacts");
        modelBuilder.Entity<Billing.Contact>().ToTable("BillingContacts").HasDataGuardName("billing.contact");
    }
}
