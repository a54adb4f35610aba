using DataGuard;
using DataGuard.Audit;
using DataGuard.Configuration;
using DataGuard.Consent;
using DataGuard.DependencyInjection;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Events;
using DataGuard.Subjects.Requests;
using DataGuard.Tenants;
using DataGuard.Tenants.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DataGuard in an <see cref="IServiceCollection"/>.</summary>
public static class DataGuardServiceCollectionExtensions
{
    /// <summary>
    /// Adds DataGuard's core services and options. Options are validated when the host starts, and every problem is
    /// reported at once. Calling it again adds further configuration to the same options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, for example the purposes of processing.</param>
    /// <returns>A builder to chain further DataGuard configuration on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IDataGuardBuilder AddDataGuard(this IServiceCollection services, Action<DataGuardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<DataGuardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, DataGuardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, RetentionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, CipherEngineOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, DataGuard.Subjects.SubjectRightsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataGuardOptions>, DataGuard.Tenants.Residency.ResidencyOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataGuardRoot>();
        services.TryAddSingleton<IAuditTrail, NullAuditTrail>();
        // One spelling of a subject id per model (PersonalDataModel's subject types), read when first needed. A factory: the
        // model is built from the application's context after the container, so it is read lazily, not injected.
        services.TryAddSingleton(static sp => SubjectIdCanonicalizer.FromServices(sp));

        AddKeys(services);
        AddConsent(services);
        services.TryAddSingleton<SubjectEvents>();
        services.TryAddSingleton<IAuditContext, AuditContext>();
        services.TryAddSingleton<DataGuard.Tenants.ITenantContext, DataGuard.Tenants.TenantContext>();
        services.TryAddScoped<IPurposeGuard, PurposeGuard>();
        services.TryAddSingleton<IPurposeContext, PurposeContext>();
        AddSubjectRequests(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, DataGuard.Diagnostics.SubjectRequestGauges>());
        return new DataGuardBuilder(services);
    }

    /// <summary>
    /// Adds DataGuard's core services with every option bound from configuration, typically
    /// <c>builder.Configuration.GetSection("DataGuard")</c>: purposes (by name under <c>Purposes</c>), <c>Encryption</c>,
    /// <c>Retention</c> (with per-entity <c>Overrides</c> in days), <c>Requests</c>, <c>SubjectRights</c>,
    /// <c>Operations</c>, and the <c>Audit</c> and <c>Masking</c> settings used once <c>AddAuditing()</c> /
    /// <c>AddMasking()</c> are called. Options reload when the configuration does. Unknown keys, values that do not convert
    /// and invalid settings fail start-up with an <see cref="OptionsValidationException"/> whose failures name the
    /// configuration path (for example <c>DataGuard:Retention:BatchSize</c>), never the value. Certificates, custom maskers
    /// and entity types are set in code: <paramref name="configure"/> runs after the binding.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The DataGuard configuration section.</param>
    /// <param name="configure">Further configuration in code, applied after the section.</param>
    /// <returns>A builder to chain further DataGuard configuration on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IDataGuardBuilder AddDataGuard(
        this IServiceCollection services,
        Microsoft.Extensions.Configuration.IConfiguration configuration,
        Action<DataGuardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConfigureOptions<DataGuardOptions>>(new DataGuard.Configuration.DataGuardConfigureOptions(configuration));
        services.AddSingleton<IOptionsChangeTokenSource<DataGuardOptions>>(new ConfigurationChangeTokenSource<DataGuardOptions>(configuration));
        services.AddSingleton<IConfigureOptions<AuditOptions>>(new DataGuard.Configuration.FeatureConfigureOptions<AuditOptions>(
            configuration.GetSection("Audit")));
        services.AddSingleton<IConfigureOptions<DataGuard.Masking.MaskingOptions>>(
            new DataGuard.Configuration.FeatureConfigureOptions<DataGuard.Masking.MaskingOptions>(configuration.GetSection("Masking")));
        return services.AddDataGuard(configure);
    }

    /// <summary>The key ring, field encryption and key management.</summary>
    private static void AddKeys(IServiceCollection services)
    {
        // Keys are wrapped with Data Protection unless another IKeyWrapper is registered; the host's Data Protection
        // configuration (persistence, key protection) decides where the key-encryption keys live.
        services.AddDataProtection();
        services.TryAddSingleton<IKeyWrapper, DataProtectionKeyWrapper>();
        // Factories rather than types: an application that never encrypts (or validates its container on build) does
        // not need a key store; one that does gets this message on first use instead of a resolution error.
        services.TryAddSingleton<ITenantKeyWrappers, ConfiguredTenantKeyWrappers>();
        services.TryAddSingleton(static sp => new TenantKeyEncryptionKeys(
            sp.GetRequiredService<ITenantContext>(),
            RequireKeyStore(sp),
            sp.GetRequiredService<IKeyWrapper>(),
            sp.GetRequiredService<ITenantKeyWrappers>(),
            new TenantKeySettings(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>()),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TenantKeyEncryptionKeys>>()));
        services.TryAddSingleton<TenantKeyShredder>();
        services.TryAddSingleton(static sp => new KeyRing(
            new KeyRingContext(
                RequireKeyStore(sp),
                sp.GetRequiredService<IKeyWrapper>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KeyRing>>()),
            sp.GetRequiredService<IAuditTrail>,
            sp.GetRequiredService<TenantKeyEncryptionKeys>()));
        services.TryAddSingleton<FieldCipherEngine>();
        services.TryAddSingleton<FieldEncryptor>();
        services.TryAddSingleton(static sp => new SubjectKeyRing(
            new KeyRingContext(
                RequireKeyStore(sp),
                sp.GetRequiredService<IKeyWrapper>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SubjectKeyRing>>()),
            sp.GetRequiredService<TenantKeyEncryptionKeys>()));
        services.TryAddSingleton<SubjectKeyShredder>();
        services.TryAddSingleton<IKeyManager, KeyManager>();
    }

    /// <summary>Consent, with no default store: records are the proof of consent, and an in-memory default would lose
    /// them silently.</summary>
    private static void AddConsent(IServiceCollection services)
    {
        // A factory: a missing store gets DataGuard's message, not the container's.
        services.TryAddScoped<IConsentService>(static sp => new ConsentService(
            sp.GetService<IConsentStore>() ?? throw DataGuardErrors.MissingRegistration("DataGuard's consent service needs a consent store: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>(), or register an IConsentStore (InMemoryConsentStore in tests)."),
            sp.GetRequiredService<IOptions<DataGuardOptions>>(),
            new ConsentEffects(
                sp.GetRequiredService<IAuditTrail>(),
                sp.GetService<IAuditContext>(),
                sp.GetRequiredService<SubjectEvents>(),
                sp.GetRequiredService<PurposeConsentCache>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
            sp.GetRequiredService<SubjectIdCanonicalizer>()));
        services.TryAddSingleton<PurposeConsentCache>();
    }

    /// <summary>Request tracking. No default store, as for consent: the requests are the proof that subjects were answered
    /// in time.</summary>
    private static void AddSubjectRequests(IServiceCollection services)
    {
        services.TryAddSingleton<ISubjectVerifier, AuthenticatedSubjectVerifier>();
        // A factory: a missing store gets DataGuard's message, not the container's.
        services.TryAddScoped<ISubjectRequestService>(static sp => new SubjectRequestService(
            sp.GetService<ISubjectRequestStore>() ?? throw DataGuardErrors.MissingRegistration("DataGuard's request tracking needs a request store: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>(), or register an ISubjectRequestStore (InMemorySubjectRequestStore in tests)."),
            sp.GetRequiredService<IOptions<DataGuardOptions>>(),
            sp.GetRequiredService<IAuditTrail>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
            sp.GetRequiredService<SubjectIdCanonicalizer>()));
    }

    private static IKeyStore RequireKeyStore(IServiceProvider services)
        => services.GetService<IKeyStore>()
           ?? throw DataGuardErrors.MissingRegistration("DataGuard encrypts [Personal] fields and needs a key store: call " +
               "AddDataGuard().UseEntityFrameworkStores<TContext>(), or register an IKeyStore (InMemoryKeyStore in tests).");
}
