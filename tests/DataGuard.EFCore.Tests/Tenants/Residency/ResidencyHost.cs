using System.Globalization;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

/// <summary>An application of one region on <see cref="TenantShopContext"/>: regions eu and us, acme in eu, globex in us,
/// initech in none; the context stores <c>contextRegion</c> (or declares none).</summary>
internal sealed class ResidencyHost : IAsyncDisposable
{
    private ResidencyHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public static async Task<ResidencyHost> StartAsync(
        Action<DbContextOptionsBuilder> database,
        string? contextRegion,
        IDataProtectionProvider dataProtection,
        Action<DataGuardOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o =>
            {
                o.Purposes.Add("marketing", notice: "2026-11");
                o.Residency.Regions.Add("eu");
                o.Residency.Regions.Add("us");
                o.Residency.Tenants["acme"] = "eu";
                o.Residency.Tenants["globex"] = "us";
                configure?.Invoke(o);
            })
            .UseEntityFrameworkStores<TenantShopContext>()
            .AddAuditing();
        services.AddSingleton(dataProtection);
        services.AddDbContext<TenantShopContext>((sp, o) =>
        {
            database(o);
            _ = contextRegion is null ? o.UseDataGuard(sp) : o.UseDataGuard(sp, d => d.Region(contextRegion));
            o.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
        });
        var host = new ResidencyHost(services.BuildServiceProvider());
        await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        return host;
    }

    public async Task<T> WithContextAsync<T>(Func<TenantShopContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TenantShopContext>());
    }

    /// <summary>Adds rows inside <paramref name="tenant"/>'s scope.</summary>
    public async Task AddAsync(string tenant, params object[] entities)
    {
        using (Tenants.Begin(tenant))
        {
            await WithContextAsync(async db =>
            {
                db.AddRange(entities);
                return await db.SaveChangesAsync();
            });
        }
    }

    public async Task GrantAsync(string tenant, Guid person)
    {
        using (Tenants.Begin(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IConsentService>().GrantAsync(person, "marketing");
        }
    }

    public async Task RecordAuditAsync(string tenant)
    {
        using (Tenants.Begin(tenant))
        {
            await Services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent("test.residency"));
        }
    }

    /// <summary>Counts rows with plain SQL, which no tenant scope or query filter touches.</summary>
    public Task<long> CountAsync(string table, string where = "1 = 1") => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
