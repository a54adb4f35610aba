using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Two entity types whose classes are both called Contact, neither given a DataGuard name.</summary>
public class CollidingNamesContext(DbContextOptions<CollidingNamesContext> options) : DbContext(options)
{
    public DbSet<Crm.Contact> CrmContacts => Set<Crm.Contact>();
    public DbSet<Billing.Contact> BillingContacts => Set<Billing.Contact>();
}
