using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Audit;
using DataGuard.Forwarding;
using DataGuard.Caching;
using DataGuard.DependencyInjection;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
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

    private static readonly (string Name, Action<IDataGuardBuilder> Call)[] Calls =
    [
        ("AddDataGuard", static b => b.Services.AddDataGuard(static o => o.Purposes.Add("news", notice: "1"))),
        ("AddMasking", static b => b.AddMasking(static o => o.Placeholder = "#")),
        ("AddRedaction", static b => b.AddRedaction()),
        ("AddRetentionJob", static b => b.AddRetentionJob(static o => o.BatchSize = 500)),
        ("AddEncryptedCache", static b => b.AddEncryptedCache()),
        ("UseEntityFrameworkStores", static b => b.UseEntityFrameworkStores<ShopContext>()),
        ("AddAuditing", static b => b.AddAuditing()),
        ("ForwardAuditToLogger", static b => b.ForwardAuditToLogger()),
    ];

    public static TheoryData<string, string> Pairs() => BuilderCallOrder.Pairs(Calls);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Two_builder_calls_in_either_order_register_the_same_services(string first, string second)
    {
        Assert.Equal(Registrations(first, second), Registrations(second, first));
    }

    private static IReadOnlyList<string> Registrations(params string[] calls)
    {
        var services = new ServiceCollection();
        // The application's cache comes first, as AddEncryptedCache() documents; it is never resolved here.
        services.AddSingleton<IDistributedCache>(static _ => throw new NotSupportedException());
        return BuilderCallOrder.Registrations(Calls, services, calls);
    }
}
