using DataGuard.AspNetCore.Masking;
using DataGuard.DependencyInjection;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers masking of personal data in JSON responses.</summary>
public static class DataGuardResponseMaskingBuilderExtensions
{
    /// <summary>
    /// Masks <see cref="PersonalAttribute"/> properties in JSON responses of minimal APIs and MVC controllers, unless
    /// the caller satisfies <see cref="ResponseMaskingOptions.RevealPolicy"/> or is the data subject of the object and
    /// <see cref="ResponseMaskingOptions.RevealToSubject"/> is on. Add <c>app.UseDataGuardResponseMasking()</c> after
    /// authentication and authorization; without it every response is masked.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Who sees personal data in clear.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IDataGuardBuilder AddResponseMasking(this IDataGuardBuilder builder, Action<ResponseMaskingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMasking();
        var services = builder.Services;
        var options = services.AddOptions<ResponseMaskingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponseMaskingOptions>, ResponseMaskingOptionsValidator>());
        services.AddHttpContextAccessor();
        services.AddAuthorizationCore();
        // Forwarding factories: one setup instance serves both JSON option types.
        services.TryAddSingleton<ResponseMaskingJsonSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpJsonOptions>, ResponseMaskingJsonSetup>(
            static sp => sp.GetRequiredService<ResponseMaskingJsonSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MvcJsonOptions>, ResponseMaskingJsonSetup>(
            static sp => sp.GetRequiredService<ResponseMaskingJsonSetup>()));
        return builder;
    }
}
