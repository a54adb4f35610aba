using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>One database per tenant: the same subject id in acme's and globex's databases; erasure in acme's scope
/// touches acme's database only, and without a tenant there is no database to work on. Run on every database.</summary>
public abstract class TenantDatabasesScenarios
{
    internal abstract Task<TenantDatabasesHost> HostAsync();

    [StoreFact]
    public async Task Erase_in_one_tenants_scope_touches_only_that_tenants_database()
    {
        await using var host = await HostAsync();
        var person = Guid.NewGuid();
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await host.InTenantAsync(tenant, async db =>
            {
                db.Clients.Add(new CareClient { Id = person, Name = $"Ana of {tenant}", Phone = "+351 912", RegisteredAt = DateTime.UtcNow, LastSeenAt = DateTimeOffset.UtcNow });
                return await db.SaveChangesAsync();
            });
        }

        using (host.Tenants.Begin("acme"))
        {
            await host.Subjects.EraseAsync(person);
        }

        Assert.Equal(0, await host.InTenantAsync("acme", db => db.Clients.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await host.InTenantAsync("globex", db => db.Clients.IgnoreQueryFilters().CountAsync(c => c.Id == person)));
        await Assert.ThrowsAsync<TenantRequiredException>(() => host.Subjects.EraseAsync(person));
    }
}
