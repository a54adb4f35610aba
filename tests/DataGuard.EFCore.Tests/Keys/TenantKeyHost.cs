using DataGuard.DependencyInjection;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>An application serving tenants from one service provider: <see cref="ShopContext"/> on the database
/// <c>connectionFor(tenant)</c> names (one per tenant, or the same for all), chosen from the tenant context when the
/// context is created. The Data Protection provider is passed in, so a restart (a new host) keeps the platform's KEK.</summary>
internal sealed class TenantKeyHost : IAsyncDisposable
{
    private TenantKeyHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public static TenantKeyHost Start(Func<string?, string> connectionFor, bool postgres, IDataProtectionProvider dataProtection, Action<IDataGuardBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddDataGuard().UseEntityFrameworkStores<ShopContext>();
        configure?.Invoke(builder);
        services.AddSingleton(dataProtection);
        services.AddDbContext<ShopContext>((sp, o) =>
        {
            var connection = connectionFor(sp.GetRequiredService<ITenantContext>().Current);
            (postgres ? o.UseNpgsql(connection) : o.UseSqlite(connection))
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning))
                .UseDataGuard(sp);
        });
        return new TenantKeyHost(services.BuildServiceProvider());
    }

    /// <summary>Runs <paramref name="work"/> on a context created inside <paramref name="tenant"/>'s scope (none for
    /// <see langword="null"/>).</summary>
    public async Task<T> InTenantAsync<T>(string? tenant, Func<ShopContext, Task<T>> work)
    {
        using var scope = tenant is null ? null : Tenants.Begin(tenant);
        await using var services = Services.CreateAsyncScope();
        return await work(services.ServiceProvider.GetRequiredService<ShopContext>());
    }

    public Task InTenantAsync(string? tenant, Func<ShopContext, Task> work)
        => InTenantAsync<bool>(tenant, async db =>
        {
            await work(db);
            return true;
        });

    public Task CreateDatabaseAsync(string? tenant) => InTenantAsync(tenant, db => db.Database.EnsureCreatedAsync());

    public static Customer NewCustomer(string email) => new() { Id = Guid.NewGuid(), Email = email, Name = "Ana Tenant", CreatedAt = DateTime.UtcNow };

    public Task AddAsync(string? tenant, Customer customer)
        => InTenantAsync(tenant, async db =>
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        });

    public Task<Customer> ReadAsync(string? tenant, Guid id)
        => InTenantAsync(tenant, db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
