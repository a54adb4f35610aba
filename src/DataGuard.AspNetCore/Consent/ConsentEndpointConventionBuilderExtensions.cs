using DataGuard;
using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Checks consent before a minimal-API endpoint runs.</summary>
public static class ConsentEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Runs the endpoint (or every endpoint of the group) only when processing for <paramref name="purpose"/> may go
    /// ahead for the signed-in user, checked with <see cref="IConsentService"/> on every request. Anonymous requests get
    /// 401; a failed check gets 403 with ProblemDetails whose extensions name the <c>purpose</c> and the <c>reason</c>
    /// (<c>absent</c>, <c>withdrawn</c>, <c>expired</c>, <c>outdated-notice</c>, <c>restricted</c>, <c>objected</c>).
    /// The subject id comes from the user's claims (<see cref="SubjectClaimOptions"/>).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder, for example the result of <c>MapPost</c> or <c>MapGroup</c>.</param>
    /// <param name="purpose">A purpose declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    /// <remarks>When the endpoint is built, an undeclared purpose or invalid <see cref="SubjectClaimOptions"/> fail with
    /// an <see cref="InvalidOperationException"/> or <see cref="OptionsValidationException"/>.</remarks>
    public static TBuilder RequireConsent<TBuilder>(this TBuilder builder, string purpose)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var services = factoryContext.ApplicationServices;
            var declared = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes.Find(purpose)
                ?? throw new InvalidOperationException($"RequireConsent(\"{purpose}\"): the purpose is not declared; add it with services.AddDataGuard(o => o.Purposes.Add(\"{purpose}\", …)).");
            SubjectClaimOptionsValidator.ThrowIfInvalid(services.GetRequiredService<IOptions<SubjectClaimOptions>>().Value);
            var name = declared.Name;
            return async invocationContext =>
            {
                var http = invocationContext.HttpContext;
                if (!SubjectClaims.TryGetSubject(http, out var subjectId, out var failure))
                {
                    return failure;
                }

                var state = await http.RequestServices.GetRequiredService<IConsentService>().GetAsync(subjectId, name, http.RequestAborted).ConfigureAwait(false);
                return state.IsAllowed ? await next(invocationContext).ConfigureAwait(false) : ConsentProblems.ConsentRequired(name, state.Status);
            };
        });
    }
}
