using System.Text;
using DataGuard.Tenants.Residency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Tenants.Residency;

public sealed class ResidencyOptionsValidatorTests
{
    private static void ValidateAtStartup(Action<DataGuardOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(configure);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static void Eu(DataGuardOptions o)
    {
        o.Residency.Regions.Add("eu");
        o.Residency.Regions.Add("us");
    }

    [Fact]
    public void Declared_regions_and_tenants_in_them_start()
        => ValidateAtStartup(o =>
        {
            Eu(o);
            o.Residency.Tenants["acme"] = "eu";
            o.Residency.Tenants["globex"] = "us";
        });

    [Fact]
    public void A_tenant_without_a_region_fails_at_start()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(o =>
        {
            Eu(o);
            o.Residency.Tenants["acme"] = "";
        }));

        Assert.Equal(["Residency.Tenants: tenant 'acme' has no region; give it one of 'eu', 'us', or remove it."], refused.Failures);
    }

    [Fact]
    public void A_tenant_in_an_unknown_region_fails_at_start()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(o =>
        {
            Eu(o);
            o.Residency.Tenants["acme"] = "eu-west";
        }));

        Assert.Equal(["Residency.Tenants: tenant 'acme' is in region 'eu-west', which is not one of Residency.Regions ('eu', 'us')."], refused.Failures);
    }

    [Fact]
    public void Tenant_regions_without_declared_regions_fail_at_start()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(o => o.Residency.Tenants["acme"] = "eu"));

        Assert.Contains("Residency.Regions declares none", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_badly_spelled_region_or_tenant_id_fails_at_start_with_every_problem()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(o =>
        {
            o.Residency.Regions.Add("EU");
            o.Residency.Regions.Add("us");
            o.Residency.Tenants["Acme"] = "us";
        }));

        Assert.Equal(2, refused.Failures.Count());
        Assert.Contains(refused.Failures, f => f.StartsWith("Residency.Regions holds 'EU', which is not a region name.", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Residency.Tenants has a key that is not a tenant id.", StringComparison.Ordinal));
    }

    [Fact]
    public void Residency_binds_from_configuration_and_failures_name_the_configuration_path()
    {
        const string json = """
            { "DataGuard": { "Residency": { "Regions": [ "eu", "us" ], "Tenants": { "acme": "eu", "globex": "us", "initech": "ap" } } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddDataGuard(configuration.GetSection("DataGuard"));
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            ["DataGuard:Residency:Tenants: tenant 'initech' is in region 'ap', which is not one of DataGuard:Residency:Regions ('eu', 'us')."],
            refused.Failures);
    }

    [Fact]
    public void Residency_from_configuration_holds_the_regions_and_the_tenants()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataGuard:Residency:Regions:0"] = "eu",
            ["DataGuard:Residency:Regions:1"] = "us",
            ["DataGuard:Residency:Tenants:acme"] = "eu",
        }).Build();
        var services = new ServiceCollection();
        services.AddDataGuard(configuration.GetSection("DataGuard"));
        using var provider = services.BuildServiceProvider();

        var residency = provider.GetRequiredService<IOptions<DataGuardOptions>>().Value.Residency;

        Assert.Equal(["eu", "us"], residency.Regions);
        Assert.Equal("eu", residency.Tenants["acme"]);
    }

    [Fact]
    public void The_rule_refuses_another_region_and_names_tenant_and_both_regions()
    {
        var options = new ResidencyOptions();
        options.Regions.Add("eu");
        options.Regions.Add("us");
        options.Tenants["acme"] = "eu";

        var refused = Assert.Throws<DataResidencyException>(() => ResidencyRules.EnsureWritable(options, "acme", "us", "the context AppDb", "Customer rows"));

        Assert.Equal(("acme", "eu", "us"), (refused.Tenant, refused.TenantRegion, refused.ContextRegion));
        Assert.Equal("Tenant 'acme' stores its data in region 'eu', and the context AppDb stores region 'us': DataGuard refuses to write the tenant's " +
            "Customer rows there. Route the tenant to a context of its region. Nothing was written.", refused.Message);
        ResidencyRules.EnsureWritable(options, "acme", "eu", "the context AppDb", "Customer rows");
        ResidencyRules.EnsureWritable(new ResidencyOptions(), "acme", null, "the context AppDb", "Customer rows"); // residency off
    }
}
