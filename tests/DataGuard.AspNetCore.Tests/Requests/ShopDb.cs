using Microsoft.EntityFrameworkCore;

namespace DataGuard.AspNetCore.Tests.Requests;

public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<ShopMember> Members => Set<ShopMember>();

    public DbSet<ShopOrder> Orders => Set<ShopOrder>();
}
