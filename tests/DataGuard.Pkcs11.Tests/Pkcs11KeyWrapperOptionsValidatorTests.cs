using Microsoft.Extensions.Options;

namespace DataGuard.Pkcs11.Tests;

public sealed class Pkcs11KeyWrapperOptionsValidatorTests
{
    [Fact]
    public void Empty_options_report_every_missing_setting_at_once()
    {
        var failed = Assert.Throws<OptionsValidationException>(() => new Pkcs11KeyWrapper(new Pkcs11KeyWrapperOptions()));

        Assert.Collection(
            failed.Failures,
            f => Assert.StartsWith("Pkcs11KeyWrapperOptions.LibraryPath is required", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Pkcs11KeyWrapperOptions.TokenLabel or SlotId", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Pkcs11KeyWrapperOptions.Pin is required", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Pkcs11KeyWrapperOptions.KeyLabel is required", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_name_settings_but_never_the_pin()
    {
        var options = new Pkcs11KeyWrapperOptions
        {
            LibraryPath = "/no/such/libpkcs11.so",
            TokenLabel = "t",
            SlotId = 3,
            Pin = "s3cret-pin",
            KeyLabel = new string('k', 256),
            MaxIdleSessions = 0,
        };
        options.PreviousKeyLabels.Add(options.KeyLabel);

        var result = new Pkcs11KeyWrapperOptionsValidator().Validate(null, options);

        Assert.Equal(6, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("no PKCS#11 library at '/no/such/libpkcs11.so'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("set exactly one of them", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("KeyLabel is longer than 255 UTF-8 bytes", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("PreviousKeyLabels[0]: key label", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxIdleSessions must be between 1 and 64", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("s3cret-pin", StringComparison.Ordinal));
    }
}
