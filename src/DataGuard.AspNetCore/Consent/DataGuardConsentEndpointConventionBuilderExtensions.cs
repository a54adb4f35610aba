using DataGuard;
using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Consent;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Checks consent before a minimal-API endpoint runs.</summary>
public static class DataGuardConsentEndpointConventionBuilderExtensions
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
        => AddConsentFilter(builder, purpose, static context =>
            SubjectClaims.TryGetSubject(context.HttpContext, out var subjectId, out var failure) ? (subjectId, null) : (null, failure));

    /// <summary>
    /// Like <see cref="RequireConsent{TBuilder}(TBuilder, string)"/>, for staff acting for a data subject: the subject is
    /// the route value <paramref name="subjectFromRoute"/> (for example <c>"customerId"</c> in
    /// <c>/customers/{customerId}/newsletter</c>), not the signed-in user. Authorise who may act for whom with the
    /// endpoint's own authorization policy; this only checks the subject's consent. Anonymous requests get 401; a route
    /// without the value, or with one that cannot be a subject of the model, gets 403 <c>no-subject</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="purpose">A purpose declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <param name="subjectFromRoute">The name of the route value holding the subject id.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> or <paramref name="subjectFromRoute"/> is null or
    /// empty.</exception>
    public static TBuilder RequireConsent<TBuilder>(this TBuilder builder, string purpose, string subjectFromRoute)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectFromRoute);
        return builder.RequireConsent(purpose, context =>
            context.HttpContext.Request.RouteValues.TryGetValue(subjectFromRoute, out var value)
            && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 and <= SubjectId.MaxLength } text
                ? new SubjectId(text)
                : null);
    }

    /// <summary>
    /// Like <see cref="RequireConsent{TBuilder}(TBuilder, string)"/>, for staff acting for a data subject: the subject is
    /// what <paramref name="subject"/> finds in the request, for example in the bound body
    /// (<c>ctx =&gt; ctx.Arguments.OfType&lt;Booking&gt;().FirstOrDefault()?.PatientId is Guid id ? id : null</c>), not the
    /// signed-in user. Authorise who may act for whom with the endpoint's own authorization policy. Anonymous requests get
    /// 401; <see langword="null"/>, or an id that cannot be a subject of the model, gets 403 <c>no-subject</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="purpose">A purpose declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <param name="subject">Finds the subject the request acts for.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    public static TBuilder RequireConsent<TBuilder>(this TBuilder builder, string purpose, Func<EndpointFilterInvocationContext, SubjectId?> subject)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(subject);
        return AddConsentFilter(builder, purpose, context =>
        {
            var http = context.HttpContext;
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return (null, http.RequestServices.GetService<IAuthenticationSchemeProvider>() is null ? Results.Unauthorized() : Results.Challenge());
            }

            return subject(context) is { } found && ModelSubjects.CanBeSubject(http.RequestServices, found.Value)
                ? (found, null)
                : (null, DataSubjectProblems.Create(
                    StatusCodes.Status403Forbidden,
                    SubjectClaims.NoSubjectProblemType,
                    "No data subject",
                    "The request names no data subject of the model."));
        });
    }

    private static TBuilder AddConsentFilter<TBuilder>(
        TBuilder builder,
        string purpose,
        Func<EndpointFilterInvocationContext, (SubjectId? Subject, IResult? Failure)> resolve)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var services = factoryContext.ApplicationServices;
            var declared = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes.Find(purpose)
                ?? throw new InvalidOperationException($"RequireConsent(\"{purpose}\"): the purpose is not declared; add it with services.AddDataGuard(o => " +
                    $"o.Purposes.Add(\"{purpose}\", …)).");
            SubjectClaimOptionsValidator.ThrowIfInvalid(services.GetRequiredService<IOptions<SubjectClaimOptions>>().Value);
            var name = declared.Name;
            return async invocationContext =>
            {
                var http = invocationContext.HttpContext;
                var (subjectId, failure) = resolve(invocationContext);
                if (subjectId is not { } subject)
                {
                    return failure;
                }

                var state = await http.RequestServices.GetRequiredService<IConsentService>().GetAsync(subject, name, http.RequestAborted).ConfigureAwait(false);
                return state.IsAllowed ? await next(invocationContext).ConfigureAwait(false) : ConsentProblems.ConsentRequired(name, state.Status);
            };
        });
    }
}
