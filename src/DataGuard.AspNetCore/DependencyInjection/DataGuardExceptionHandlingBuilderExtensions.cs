using DataGuard.AspNetCore.Errors;
using DataGuard.Consent;
using DataGuard.DependencyInjection;
using DataGuard.Encryption;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DataGuard's handler of its own exceptions in ASP.NET Core's exception handling.</summary>
public static class DataGuardExceptionHandlingBuilderExtensions
{
    /// <summary>
    /// Answers DataGuard's exceptions that escape the application's handlers with ProblemDetails: a
    /// <see cref="ConsentRequiredException"/> (for example from <see cref="IConsentService.EnsureConsentAsync"/>) with the
    /// same 403 <c>consent-required</c> problem <c>RequireConsent</c> gives, naming the purpose and the reason; a
    /// <see cref="DataGuardCryptoException"/> with a 500 problem without detail. It registers an
    /// <c>IExceptionHandler</c> and ASP.NET Core's ProblemDetails services; the host adds <c>app.UseExceptionHandler()</c>
    /// early in the pipeline.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IDataGuardBuilder AddExceptionProblemDetails(this IDataGuardBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(static d => d.ImplementationType == typeof(DataGuardExceptionHandler)))
        {
            builder.Services.AddExceptionHandler<DataGuardExceptionHandler>();
        }

        builder.Services.AddProblemDetails();
        return builder;
    }
}
