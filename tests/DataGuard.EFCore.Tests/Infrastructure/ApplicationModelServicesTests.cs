using DataGuard.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>A multi-tenant application replaces EF Core's model cache key factory and model customizer; DataGuard
/// wraps them instead of knocking them out (or being knocked out), whichever of <c>ReplaceService</c> and
/// <c>UseDataGuard</c> comes first.</summary>
public sealed class ApplicationModelServicesTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private ServiceProvider Start(bool replaceFirst, string name)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddDataGuard().UseEntityFrameworkStores<TenantCustomersContext>();
        services.AddDbContext<TenantCustomersContext>((sp, o) =>
        {
            o.UseSqlite($"Data Source={_folder.File(name + ".db")}");
            if (replaceFirst)
            {
                ReplaceModelServices(o);
            }

            o.UseDataGuard(sp);
            if (!replaceFirst)
            {
                ReplaceModelServices(o);
            }
        });
        return services.BuildServiceProvider();
    }

    private static void ReplaceModelServices(DbContextOptionsBuilder options) => options
        .ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>()
        .ReplaceService<IModelCustomizer, TenantModelCustomizer>();

    private static IModel ModelFor(ServiceProvider services, string tenant)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantCustomersContext>();
        db.Tenant = tenant;
        return db.Model;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Application_model_customizer_and_DataGuards_store_tables_both_apply(bool replaceFirst)
    {
        using var services = Start(replaceFirst, "customizer");

        var model = ModelFor(services, "north");

        Assert.Equal("north", model.FindAnnotation(TenantModelCustomizer.Annotation)?.Value);
        Assert.NotNull(model.FindEntityType(typeof(DataKeyRecord)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Application_model_cache_key_still_separates_its_tenants(bool replaceFirst)
    {
        using var services = Start(replaceFirst, "tenants");

        var north = ModelFor(services, "north");
        var south = ModelFor(services, "south");

        Assert.NotSame(north, south);
        Assert.Equal("south", south.FindAnnotation(TenantModelCustomizer.Annotation)?.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_applications_do_not_share_a_model_when_the_application_replaces_the_cache_key(bool replaceFirst)
    {
        using var first = Start(replaceFirst, "first");
        using var second = Start(replaceFirst, "second");

        // Each model's value converters encrypt with its own application's key ring.
        Assert.NotSame(ModelFor(first, "north"), ModelFor(second, "north"));
    }
}
