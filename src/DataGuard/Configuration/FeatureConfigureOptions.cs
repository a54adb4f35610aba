using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DataGuard.Configuration;

/// <summary>Binds a feature's own options type (<c>Audit</c>, <c>Masking</c>) from its child of the DataGuard section.
/// Problems are reported by <see cref="DataGuardConfigureOptions"/> with the other validation failures.</summary>
internal sealed class FeatureConfigureOptions<TOptions>(IConfigurationSection section) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationObjectBinder.Bind(section, options, []);
    }
}
