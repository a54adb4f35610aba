using DataGuard.Keys;
using DataGuard.Pkcs11.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataGuard.Pkcs11.Tests.DependencyInjection;

public sealed class ProtectKeysWithPkcs11Tests
{
    [SoftHsmFact]
    public async Task Configuration_binds_the_wrapper_that_replaces_data_protection()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var host = Build(Section(label));

        await host.StartAsync();

        var wrapper = Assert.IsType<Pkcs11KeyWrapper>(host.Services.GetRequiredService<IKeyWrapper>());
        Assert.Equal(16, wrapper.Unwrap(wrapper.Wrap(new byte[16])).Length);
        await host.StopAsync();
    }

    [SoftHsmFact]
    public async Task Start_up_fails_naming_the_key_label_that_is_not_on_the_token()
    {
        var label = SoftHsm.NewLabel("missing");
        using var host = Build(Section(label));

        var failed = await Assert.ThrowsAsync<Pkcs11KeyWrapperException>(() => host.StartAsync());

        Assert.Equal(label, failed.KeyLabel);
    }

    [Fact]
    public async Task Start_up_fails_on_invalid_options_without_echoing_the_pin()
    {
        using var host = Build(new Dictionary<string, string?> { ["Pkcs11:Pin"] = "s3cret-pin", ["Pkcs11:KeyLabel"] = "kek" });

        var failed = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failed.Failures, f => f.StartsWith("Pkcs11KeyWrapperOptions.LibraryPath is required", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret-pin", failed.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Section(string label)
    {
        var options = SoftHsm.Options(label);
        return new()
        {
            ["Pkcs11:LibraryPath"] = options.LibraryPath,
            ["Pkcs11:TokenLabel"] = options.TokenLabel,
            ["Pkcs11:Pin"] = options.Pin,
            ["Pkcs11:KeyLabel"] = label,
            ["Pkcs11:PreviousKeyLabels:0"] = label + "-old",
        };
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IKeyStore>(new InMemoryKeyStore());
        builder.Services.AddDataGuard().ProtectKeysWithPkcs11(builder.Configuration.GetSection("Pkcs11"));
        return builder.Build();
    }
}
