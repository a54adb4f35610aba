using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Audit;
using DataGuard.Forwarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.DependencyInjection;

/// <summary>The builder's calls work in any order; what one feature needs of another is checked when the host starts,
/// not by throwing from the call that happens to come first.</summary>
public sealed class BuilderOrderTests
{
    [Fact]
    public void Auditing_may_be_added_before_the_store_context()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard().AddAuditing().UseEntityFrameworkStores<ShopContext>();
        services.AddDbContext<ShopContext>(static (sp, o) => o.UseSqlite("Data Source=:memory:").UseDataGuard(sp));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<EntityFrameworkAuditTrail>(provider.GetRequiredService<IAuditTrail>());
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Auditing_without_a_store_context_stops_the_host_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddAuditing();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(ex.Failures, f => f.Contains("AddAuditing() keeps the audit trail in the store context", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_forwarding_may_be_added_before_the_store_context_and_auditing()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard().ForwardAuditToLogger().UseEntityFrameworkStores<ShopContext>().AddAuditing();
        using var provider = services.BuildServiceProvider();

        Assert.Equal("logger", Assert.Single(provider.GetServices<IAuditForwarder>()).Name);
    }

    [Fact]
    public void Audit_forwarding_without_a_store_context_stops_the_host_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard().ForwardAuditToLogger();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(ex.Failures, f => f.Contains("Audit forwarding reads the audit trail from the store context", StringComparison.Ordinal));
    }
}
