using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.DependencyInjection;

/// <summary>Simple limits are data annotations checked by the source-generated validator; their failures still name the
/// setting, or its configuration path when the options were bound from configuration.</summary>
public sealed class OptionsAttributeValidationTests
{
    [Fact]
    public void A_limit_set_by_an_attribute_names_the_setting_in_code()
    {
        var failures = StartupFailures(services => services.AddDataGuard(static o =>
        {
            o.Operations.Forwarding.BatchSize = 0;
            o.Operations.Forwarding.MaxRejections = 101;
            o.PurposeLimitation.ConsentCacheDuration = TimeSpan.FromHours(2);
            o.Encryption.NonceBudget = 0;
        }));

        Assert.Equal(
            [
                "Encryption.NonceBudget must be between 1 and 4294967296.",
                "Operations.Forwarding.BatchSize must be between 1 and 10000.",
                "Operations.Forwarding.MaxRejections must be between 1 and 100.",
                "PurposeLimitation.ConsentCacheDuration must be between 00:00:00 and 01:00:00.",
            ],
            failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_limit_set_by_an_attribute_names_the_configuration_path_when_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataGuard:Operations:Forwarding:MaxRejections"] = "0",
            ["DataGuard:Masking:PartialKeepFirst"] = "9",
        }).Build();

        var failures = StartupFailures(services => services.AddDataGuard(configuration.GetSection("DataGuard")).AddMasking());

        Assert.Contains("DataGuard:Operations:Forwarding:MaxRejections must be between 1 and 100.", failures);
        Assert.Contains("Masking: PartialKeepFirst must be between 0 and 8.", failures);
    }

    private static List<string> StartupFailures(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        using var provider = services.BuildServiceProvider();
        // One options type fails with an OptionsValidationException, several with an AggregateException of them.
        var ex = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var failed = ex is AggregateException all ? all.InnerExceptions : [Assert.IsType<OptionsValidationException>(ex)];
        return [.. failed.Cast<OptionsValidationException>().SelectMany(static e => e.Failures)];
    }
}
