using DataGuard.DependencyInjection;
using DataGuard.Keys;
using DataGuard.Masking;
using DataGuard.Masking.Classification;
using DataGuard.Masking.Redaction;
using DataGuard.Model;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DataGuard's masking: <see cref="DataMasker"/>, custom maskers and log redaction.</summary>
public static class DataGuardMaskingBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="DataMasker"/> and its options, validated when the host starts. Calling it again adds further
    /// configuration to the same options. Pseudonyms use DataGuard's key ring, or the key set in the options.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Configures the masks, for example <c>o.EmailMaskDomain = true</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IDataGuardBuilder AddMasking(this IDataGuardBuilder builder, Action<MaskingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<MaskingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MaskingOptions>, MaskingOptionsValidator>());
        // Factories: the key provider's type depends on the options and on whether a key store is registered, and the
        // masker reads the personal-data model lazily (it is built from the application's context after the container).
        services.TryAddSingleton<IPseudonymKeyProvider>(static sp => CreateKeyProvider(sp));
        services.TryAddSingleton(static sp => new DataMasker(
            sp.GetRequiredService<IOptions<MaskingOptions>>().Value,
            sp.GetRequiredService<IPseudonymKeyProvider>(),
            () => sp.GetService<PersonalDataModel>()));
        return builder;
    }

    /// <summary>Registers a custom masker under a name; select it on a property with
    /// <c>[MaskWith("name")]</c> or get it from <see cref="DataMasker.GetMasker(string)"/>.</summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="name">The masker's name (case-insensitive); a later registration under the same name wins.</param>
    /// <param name="masker">The masker; must be thread-safe.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="masker"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static IDataGuardBuilder AddMasker(this IDataGuardBuilder builder, string name, IMasker masker)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(masker);
        return builder.AddMasking(o => o.Maskers[name] = masker);
    }

    /// <summary>
    /// Connects DataGuard's masks to Microsoft.Extensions.Compliance redaction: values classified with DataGuard's
    /// taxonomy (<see cref="DataGuardTaxonomy"/>, <see cref="ContactDataAttribute"/> and its siblings) are redacted with
    /// their category's mask in <c>[LoggerMessage]</c> parameters and <c>[LogProperties]</c> properties once the host
    /// calls <c>builder.Logging.EnableRedaction()</c> (package Microsoft.Extensions.Telemetry).
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Chooses a mask per category; applied immediately.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Call <c>EnableRedaction(o =&gt; o.ApplyDiscriminator = false)</c>: by default the logger appends
    /// <c>:{tag}</c> to each value before redacting it, which spoils the shape-keeping masks (email, last-4, partial)
    /// though it reveals nothing more. A category redacted with <see cref="MaskStyle.Pseudonym"/> needs a pseudonym key;
    /// without one the host fails to start with an <see cref="OptionsValidationException"/> that says so.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IDataGuardBuilder AddRedaction(this IDataGuardBuilder builder, Action<DataGuardRedactionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMasking();
        var redaction = new DataGuardRedactionOptions();
        configure?.Invoke(redaction);
        var byStyle = redaction.Masks
            .GroupBy(static m => m.Value == MaskStyle.Default ? m.Key.DefaultMask() : m.Value)
            .ToDictionary(static g => g.Key, static g => g.Select(static m => new DataClassificationSet(DataGuardTaxonomy.For(m.Key))).ToArray());

        builder.Services.AddRedaction(r =>
        {
            foreach (var (style, classifications) in byStyle)
            {
                _ = style switch
                {
                    MaskStyle.Partial => r.SetRedactor<PartialRedactor>(classifications),
                    MaskStyle.Email => r.SetRedactor<EmailRedactor>(classifications),
                    MaskStyle.Last4 => r.SetRedactor<Last4Redactor>(classifications),
                    MaskStyle.Pseudonym => r.SetRedactor<PseudonymRedactor>(classifications),
                    MaskStyle.Null => r.SetRedactor<NullMaskRedactor>(classifications),
                    _ => r.SetRedactor<EraseRedactor>(classifications),
                };
            }
        });

        if (byStyle.ContainsKey(MaskStyle.Pseudonym))
        {
            builder.Services.AddOptions<PseudonymKeyStartupCheck>().ValidateOnStart().Validate<IPseudonymKeyProvider>(
                static (_, keys) => HasKey(keys),
                "Redaction: a category is redacted with MaskStyle.Pseudonym (online identifiers are by default), which needs a pseudonym key from " +
                "DataGuard's key ring; configure it, set MaskingOptions.PseudonymKeyId and PseudonymKey, or choose another mask with AddRedaction(o => " +
                "o.Masks[PersonalCategory.OnlineIdentifier] = MaskStyle.Erase).");
        }

        return builder;
    }

    /// <summary>A configuration check: start-up must not read the key store, whose table may not exist before migrations.</summary>
    private static bool HasKey(IPseudonymKeyProvider keys) => keys is not MissingPseudonymKeyProvider;

    private static IPseudonymKeyProvider CreateKeyProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MaskingOptions>>().Value;
        if (options.PseudonymKeyId is not { } keyId || options.PseudonymKey is not { } base64)
        {
            // Without a key in options, pseudonyms come from the key ring when the application has a key store.
            return services.GetService<IKeyStore>() is not null
                ? new KeyRingPseudonymKeyProvider(services.GetRequiredService<KeyRing>())
                : MissingPseudonymKeyProvider.Instance;
        }

        var key = Convert.FromBase64String(base64);
        try
        {
            return new StaticPseudonymKeyProvider(new PseudonymKey(keyId, key));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }
}
