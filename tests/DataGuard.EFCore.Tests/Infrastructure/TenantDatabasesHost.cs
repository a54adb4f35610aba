using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>The database-per-tenant layout as docs/tenants.md shows it: one registration of <see cref="CareContext"/>
/// whose connection is chosen from the current tenant when the context's options are built (once per scope).</summary>
internal sealed class TenantDatabasesHost : DataGuardTestHost<CareContext>
{
    private TenantDatabasesHost(Parts parts)
        : base(parts)
    {
    }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    /// <param name="database">The provider and connection of one tenant's database.</param>
    /// <param name="tenants">The tenants, whose databases are created.</param>
    public static Task<TenantDatabasesHost> StartAsync(Action<string, DbContextOptionsBuilder> database, params string[] tenants)
        => StartAsync(database, null, null, tenants);

    /// <param name="database">The provider and connection of one tenant's database.</param>
    /// <param name="dataGuard">More of DataGuard (the retention job).</param>
    /// <param name="register">More application services (a tenant directory, logging).</param>
    /// <param name="tenants">The tenants, whose databases are created.</param>
    public static async Task<TenantDatabasesHost> StartAsync(Action<string, DbContextOptionsBuilder> database,
        Action<DataGuard.DependencyInjection.IDataGuardBuilder>? dataGuard, Action<IServiceCollection>? register, params string[] tenants)
    {
        var host = await StartAsync(
            new Setup(static _ => { })
            {
                Create = false,
                DataGuard = dataGuard,
                Register = register,
                AddContext = (services, configure) => services.AddDbContext<CareContext>((sp, o) =>
                {
                    database(sp.GetRequiredService<ITenantContext>().RequireTenant(), o); // no tenant: no database
                    configure(sp, o);
                }),
            },
            static parts => new TenantDatabasesHost(parts));
        foreach (var tenant in tenants)
        {
            using (host.Tenants.Begin(tenant))
            {
                await host.WithContextAsync(static db => db.Database.EnsureCreatedAsync());
            }
        }

        return host;
    }

    /// <summary>Runs <paramref name="work"/> on a context of <paramref name="tenant"/>'s database.</summary>
    public async Task<T> InTenantAsync<T>(string tenant, Func<CareContext, Task<T>> work)
    {
        using (Tenants.Begin(tenant))
        {
            return await WithContextAsync(work);
        }
    }
}
