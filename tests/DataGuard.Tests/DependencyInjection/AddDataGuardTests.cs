using DataGuard.Consent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.DependencyInjection;

public sealed class AddDataGuardTests
{
    private static void ValidateAtStartup(Action<DataGuardOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(configure);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Valid_options_pass_start_up_validation_and_the_builder_chains_on_the_same_services()
    {
        var services = new ServiceCollection();
        var builder = services.AddDataGuard(o => o.Purposes.Add("marketing", notice: "2026-11"));
        Assert.Same(services, builder.Services);

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("marketing", Assert.Single(provider.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes).Name);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Every_options_problem_is_reported_at_start_up_at_once()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(o =>
        {
            o.Purposes.Add("marketing");
            o.Purposes.Add("Marketing", notice: "1");
            o.Purposes.Add("news letter", notice: "1").DefaultExpiry = TimeSpan.Zero;
            o.Purposes.Add(" ", lawfulBasis: LawfulBasis.Contract);
        }));

        Assert.Equal(
            [
                "Purposes: 'marketing' is on a consent basis but has no notice version; " +
                "pass notice: \"2026-11\" (or your own scheme) so every consent records which notice the subject saw.",
                "Purposes: 'Marketing' is declared more than once; purpose names are unique (case-insensitive).",
                "Purposes: 'news letter' contains ' '; use letters, digits, '.', '-' or '_' so the name fits in URLs, claims and audit entries.",
                "Purposes: 'news letter' has DefaultExpiry 00:00:00; it must be positive, or null for consents that last until withdrawn.",
                "Purposes: a purpose has a blank name.",
            ],
            ex.Failures);
    }

    [Fact]
    public void A_purpose_on_a_non_consent_basis_needs_no_notice()
    {
        ValidateAtStartup(o => o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract));
        var purposes = new DataGuardOptions().Purposes;
        Assert.False(purposes.Add("tax", lawfulBasis: LawfulBasis.LegalObligation).RequiresConsent);
        Assert.Same(purposes.Find("tax"), purposes.Find("TAX"));
    }

    [Fact]
    public void Add_data_guard_rejects_null_services() =>
        Assert.Throws<ArgumentNullException>(() => DataGuardServiceCollectionExtensions.AddDataGuard(null!));
}
