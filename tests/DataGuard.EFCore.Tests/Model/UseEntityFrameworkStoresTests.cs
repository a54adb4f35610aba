using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Model;

public sealed class UseEntityFrameworkStoresTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private ServiceProvider Services<TContext>(bool useDataGuard = true)
        where TContext : DbContext
    {
        var services = new ServiceCollection();
        services.AddDataGuard().UseEntityFrameworkStores<TContext>();
        services.AddDbContext<TContext>((sp, o) =>
        {
            o.UseSqlite($"Data Source={_folder.File("app.db")}").ConfigureWarnings(static w => w.Ignore(
                Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning));
            if (useDataGuard)
            {
                o.UseDataGuard(sp);
            }
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_contexts_model_is_registered_and_checked_at_start_up()
    {
        using var provider = Services<ShopContext>();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var model = provider.GetRequiredService<PersonalDataModel>();
        Assert.Equal(["Customer", "LegacyCustomer", "Order"], model.Entities.Select(e => e.Name).Order());
    }

    [Fact]
    public void Start_up_fails_when_the_context_lacks_use_data_guard()
    {
        using var provider = Services<ShopContext>(useDataGuard: false);
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("ShopContext is not configured for DataGuard: add .UseDataGuard(sp) to its options in AddDbContext<ShopContext>((sp, o) => ...).",
            ex.Message);
    }

    [Fact]
    public void Start_up_fails_on_misused_annotations()
    {
        using var provider = Services<TwoSubjectsContext>();
        var ex = Assert.Throws<DataGuardModelException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Single(ex.Errors);
    }
}
