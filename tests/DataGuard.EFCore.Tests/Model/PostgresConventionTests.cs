using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Model;

public sealed class PostgresConventionTests
{
    [PostgresFact]
    public async Task Conventions_apply_to_a_real_postgresql_schema()
    {
        var options = new DbContextOptionsBuilder<ShopContext>()
            .UseNpgsql(PostgresTestDatabase.ForNewDatabase("conventions"))
            .UseDataGuard(TestContexts.DataGuardServices())
            .Options;
        await using var db = new ShopContext(options);
        await db.Database.EnsureCreatedAsync();
        try
        {
            var indexes = await db.Database
                .SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Orders'")
                .ToListAsync();
            Assert.Contains(indexes, def => def.Contains("(\"CustomerId\")", StringComparison.Ordinal));

            var customerId = Guid.NewGuid();
            db.Orders.Add(new Order { CustomerId = customerId, ShippingAddress = "1 Main St", Total = 10 });
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Orders.CountAsync(o => o.CustomerId == customerId));
            Assert.Equal("Orders", db.Model.GetPersonalDataModel().Find(typeof(Order))!.StoreName);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
