using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Masking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DataGuard.Configuration;

/// <summary>
/// Binds <see cref="DataGuardOptions"/> from a configuration section (<c>AddDataGuard(IConfiguration)</c>). Purposes
/// are children of <c>Purposes</c> named by their key (an object per purpose, which later configuration files override
/// key by key) or by a <c>Name</c> inside (an array); a purpose already declared in code takes the configured settings.
/// Problems are collected, each with its configuration path, and reported with the other validation failures at
/// start-up.
/// </summary>
internal sealed class DataGuardConfigureOptions(IConfiguration configuration) : IConfigureOptions<DataGuardOptions>
{
    public void Configure(DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConfigurationPath = (configuration as IConfigurationSection)?.Path ?? string.Empty;
        var errors = new List<string>();
        foreach (var section in configuration.GetChildren())
        {
            if (string.Equals(section.Key, nameof(DataGuardOptions.Purposes), StringComparison.OrdinalIgnoreCase))
            {
                BindPurposes(section, options, errors);
            }
            else if (string.Equals(section.Key, "Audit", StringComparison.OrdinalIgnoreCase))
            {
                ConfigurationObjectBinder.Bind(section, new Audit.AuditOptions(), errors); // bound by FeatureConfigureOptions; checked here
            }
            else if (string.Equals(section.Key, "Masking", StringComparison.OrdinalIgnoreCase))
            {
                ConfigurationObjectBinder.Bind(section, new Masking.MaskingOptions(), errors);
            }
            else
            {
                var single = new ConfigurationSectionRoot(configuration, section);
                ConfigurationObjectBinder.Bind(single, options, errors);
            }
        }

        options.ConfigurationErrors.AddRange(errors);
    }

    private static void BindPurposes(IConfigurationSection purposes, DataGuardOptions options, List<string> errors)
    {
        foreach (var section in purposes.GetChildren())
        {
            var name = section[nameof(Purpose.Name)] ?? section.Key;
            if (section.Value is not null)
            {
                errors.Add($"{section.Path} must be a section with the purpose's settings (LawfulBasis, NoticeVersion, Description, AcceptsOlderNotices, " +
                    "DefaultExpiry).");
                continue;
            }

            var purpose = options.Purposes.Find(name) ?? options.Purposes.Add(string.IsNullOrEmpty(name) ? " " : name);
            options.PurposePaths[purpose] = section.Path;
            ConfigurationObjectBinder.Bind(section, purpose, errors, nameof(Purpose.Name), nameof(Purpose.RequiresConsent));
        }
    }

    /// <summary>Presents one child of the root as a section of a parent, so that the object binder walks the child only.</summary>
    private sealed class ConfigurationSectionRoot(IConfiguration parent, IConfigurationSection child) : IConfigurationSection
    {
        public string? this[string key] { get => parent[key]; set => parent[key] = value; }

        public string Key => (parent as IConfigurationSection)?.Key ?? string.Empty;

        public string Path => (parent as IConfigurationSection)?.Path ?? string.Empty;

        public string? Value { get => null; set => throw new NotSupportedException(); }

        public IEnumerable<IConfigurationSection> GetChildren() => [child];

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => parent.GetReloadToken();

        public IConfigurationSection GetSection(string key) => parent.GetSection(key);
    }
}
