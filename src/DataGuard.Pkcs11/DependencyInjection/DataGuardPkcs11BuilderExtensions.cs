using DataGuard.DependencyInjection;
using DataGuard.Keys;
using DataGuard.Pkcs11;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wraps DataGuard's data keys with a key-encryption key on a PKCS#11 token instead of Data Protection.</summary>
public static class DataGuardPkcs11BuilderExtensions
{
    /// <summary>
    /// Replaces DataGuard's key wrapper with a <see cref="Pkcs11KeyWrapper"/>. The options are validated and the token is
    /// opened (login, current key found) when the host starts; every problem is reported then, never with the PIN.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Sets the library, token, PIN and key label.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static IDataGuardBuilder ProtectKeysWithPkcs11(this IDataGuardBuilder builder, Action<Pkcs11KeyWrapperOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<Pkcs11KeyWrapperOptions>().Configure(configure);
        return AddWrapper(builder);
    }

    /// <summary>
    /// Replaces DataGuard's key wrapper with a <see cref="Pkcs11KeyWrapper"/> bound from configuration, for example
    /// <c>builder.Configuration.GetSection("DataGuard:Pkcs11")</c> with <c>LibraryPath</c>, <c>TokenLabel</c> or
    /// <c>SlotId</c>, <c>Pin</c> (from a secret store or environment variable), <c>KeyLabel</c> and
    /// <c>PreviousKeyLabels</c>.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configuration">The section to bind.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IDataGuardBuilder ProtectKeysWithPkcs11(this IDataGuardBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<Pkcs11KeyWrapperOptions>().Bind(configuration);
        return AddWrapper(builder);
    }

    private static IDataGuardBuilder AddWrapper(IDataGuardBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Pkcs11KeyWrapperOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Pkcs11KeyWrapperOptions>, Pkcs11KeyWrapperOptionsValidator>());
        // Factories: the wrapper's public constructor takes the options' value (it is also created without a container),
        // and IKeyWrapper forwards to that one instance.
        services.TryAddSingleton(static sp => new Pkcs11KeyWrapper(
            sp.GetRequiredService<IOptions<Pkcs11KeyWrapperOptions>>().Value,
            sp.GetService<ILogger<Pkcs11KeyWrapper>>()));
        // AddDataGuard registered Data Protection's wrapper already: this one replaces it.
        services.Replace(ServiceDescriptor.Singleton<IKeyWrapper>(static sp => sp.GetRequiredService<Pkcs11KeyWrapper>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Pkcs11StartupCheck>());
        return builder;
    }
}
