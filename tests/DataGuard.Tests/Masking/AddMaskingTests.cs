using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Masking;

public sealed class AddMaskingTests
{
    [Fact]
    public void Masking_options_problems_are_all_reported_at_start_up_without_the_key()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasking(o =>
        {
            o.Placeholder = "";
            o.PartialKeepFirst = -1;
            o.PartialKeepLast = 9;
            o.PseudonymLength = 4;
            o.PseudonymKeyId = "has space";
            o.PseudonymKey = "c2hvcnQ=";
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Masking: Placeholder must be a string or collection type with a minimum length of '1' and maximum length of '32'.",
                "Masking: PartialKeepFirst must be between 0 and 8.",
                "Masking: PartialKeepLast must be between 0 and 8.",
                "Masking: PseudonymLength must be between 8 and 43.",
                "Masking: PseudonymKeyId must have 1 to 16 letters, digits, '-', '_' or '.'.",
                "Masking: PseudonymKey must be base64 of at least 32 random bytes (44 base64 characters).",
            ],
            ex.Failures);
    }

    [Fact]
    public void A_key_id_without_a_key_is_reported()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasking(o => o.PseudonymKeyId = "k1");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("Masking: set PseudonymKeyId and PseudonymKey together, or neither (to use DataGuard's key ring).", Assert.Single(ex.Failures));
    }

    [Fact]
    public void A_key_from_options_gives_the_same_pseudonyms_as_the_same_key_bytes()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasking(o => (o.PseudonymKeyId, o.PseudonymKey) = ("t1", TestMasking.Base64Key()));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var pseudonym = provider.GetRequiredService<DataMasker>().Mask("ana@example.com", MaskStyle.Pseudonym);

        Assert.Equal(TestMasking.Masker().Mask("ana@example.com", MaskStyle.Pseudonym), pseudonym);
    }

    [Fact]
    public void Without_a_key_the_masker_works_but_pseudonyms_fail_clearly()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasking();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var masker = provider.GetRequiredService<DataMasker>();

        Assert.Equal("a***@example.com", masker.Mask("ana@example.com", MaskStyle.Email));
        Assert.Throws<DataGuardException>(() => masker.Mask("ana@example.com", MaskStyle.Pseudonym));
    }

    [Fact]
    public void Custom_maskers_are_registered_by_name()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasker("initials", new InitialsMasker());
        using var provider = services.BuildServiceProvider();

        Assert.Equal("A.S.", provider.GetRequiredService<DataMasker>().GetMasker("INITIALS").Mask("Ana Silva"));
        Assert.Throws<DataGuardException>(() => provider.GetRequiredService<DataMasker>().GetMasker("nope"));
    }

    [Fact]
    public void A_disposed_key_refuses_to_hash()
    {
        var key = new PseudonymKey("t1", TestMasking.KeyBytes(1));
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.ComputeHash("x", new byte[32]));
    }
}
