using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using DataGuard.Tenants.Residency;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

/// <summary>Residency without a tenant column (a database per tenant, or per region): personal rows written inside a
/// tenant's scope are that tenant's; rows without personal data and platform-level work are not the rule's business.</summary>
public sealed class DatabasePerTenantResidencyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private ServiceProvider Start()
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o =>
            {
                o.Residency.Regions.Add("eu");
                o.Residency.Regions.Add("us");
                o.Residency.Tenants["acme"] = "eu";
            })
            .UseEntityFrameworkStores<ShopContext>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        var file = _folder.File("us.db");
        services.AddDbContext<ShopContext>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp, d => d.Region("us"))
            .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)));
        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<ShopContext>().Database.EnsureCreated();
        return provider;
    }

    private static async Task<int> SaveAsync(ServiceProvider services, params object[] rows)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopContext>();
        db.AddRange(rows);
        return await db.SaveChangesAsync();
    }

    private static async Task<int> CustomersAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopContext>().Customers.CountAsync();
    }

    [Fact]
    public async Task Personal_rows_written_in_an_eu_tenants_scope_are_refused_through_a_us_context()
    {
        await using var services = Start();

        using (services.GetRequiredService<ITenantContext>().Begin("acme"))
        {
            var refused = await Assert.ThrowsAsync<DataResidencyException>(
                () => SaveAsync(services, new Customer { Id = Guid.NewGuid(), Email = "ana@example.com", Name = "Ana" }));
            Assert.Equal(("acme", "eu", "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
            Assert.Contains("Customer rows", refused.Message, StringComparison.Ordinal);

            Assert.Equal(1, await SaveAsync(services, new Country { Code = "PT" })); // no personal data
        }

        Assert.Equal(0, await CustomersAsync(services));
    }

    [Fact]
    public async Task Platform_level_personal_rows_are_not_a_tenants_and_are_written()
    {
        await using var services = Start();

        await SaveAsync(services, new Customer { Id = Guid.NewGuid(), Email = "ana@example.com", Name = "Ana" });

        Assert.Equal(1, await CustomersAsync(services));
    }

    public void Dispose() => _folder.Dispose();
}
