using Microsoft.EntityFrameworkCore;

namespace DataGuard.Sample.Web;

/// <summary>The shop's database; DataGuard keeps its keys, consents, audit trail, holds and requests in it too.</summary>
public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
}
