using DataGuard.Consent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Consent;

public sealed class PurposeOptionsTests
{
    [Fact]
    public void A_purpose_name_longer_than_the_consent_column_fails_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Purposes.Add(new string('p', 101), lawfulBasis: LawfulBasis.Contract));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal($"Purposes: '{new string('p', 101)}' has 101 characters; purpose names have at most 100 so that consent records can index them.",
            Assert.Single(ex.Failures));
    }

    [Fact]
    public void Add_data_guard_registers_a_scoped_consent_service_but_no_store_that_could_lose_consents_silently()
    {
        var services = new ServiceCollection();
        services.AddDataGuard();

        Assert.Equal(ServiceLifetime.Scoped, services.Single(d => d.ServiceType == typeof(IConsentService)).Lifetime);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IConsentStore));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var ex = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IConsentService>());
        Assert.StartsWith("DataGuard's consent service needs a consent store", ex.Message, StringComparison.Ordinal);
    }
}
