using DataGuard.AspNetCore.Requests;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Consent;

/// <summary>
/// The signed-in subject's consent routes under <c>MapDataSubjectEndpoints</c>: list, history, grant, withdraw. The
/// subject is always the authenticated user (GDPR Art. 7(3): withdrawing must be as easy as giving consent); no route
/// takes a subject id.
/// </summary>
internal static class ConsentEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/consents", static async (HttpContext http, IConsentService consents, IOptions<DataGuardOptions> options) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subjectId, out var failure))
                {
                    return failure!;
                }

                var states = await consents.GetAsync(subjectId, http.RequestAborted).ConfigureAwait(false);
                return Results.Ok(states.Select(s => ConsentStateResponse.From(s, options.Value.Purposes.Find(s.Purpose)!)).ToList());
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName("DataGuardListConsents")
            .WithDisplayName("DataGuard: list my consents");

        group.MapGet("/consents/history", static async (HttpContext http, IConsentService consents) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subjectId, out var failure))
                {
                    return failure!;
                }

                var history = await consents.GetHistoryAsync(subjectId, cancellationToken: http.RequestAborted).ConfigureAwait(false);
                return Results.Ok(history.Select(ConsentRecordResponse.From).ToList());
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName("DataGuardConsentHistory")
            .WithDisplayName("DataGuard: my consent history");

        group.MapPost("/consents/{purpose}", static (string purpose, HttpContext http, IConsentService consents, IOptions<DataGuardOptions> options)
                => ChangeAsync(purpose, http, consents, options, static (c, subject, name, details, ct) => c.GrantAsync(subject, name, details, ct)))
            .RequireRateLimiting(DataSubjectEndpointOptions.ConsentRateLimitPolicy)
            .WithName("DataGuardGrantConsent")
            .WithDisplayName("DataGuard: grant my consent");

        group.MapDelete("/consents/{purpose}", static (string purpose, HttpContext http, IConsentService consents, IOptions<DataGuardOptions> options)
                => ChangeAsync(purpose, http, consents, options, static (c, subject, name, details, ct) => c.WithdrawAsync(subject, name, details, ct)))
            .RequireRateLimiting(DataSubjectEndpointOptions.ConsentRateLimitPolicy)
            .WithName("DataGuardWithdrawConsent")
            .WithDisplayName("DataGuard: withdraw my consent");
    }

    /// <summary>Grant and withdraw differ only in the call: both act for the signed-in subject on a declared purpose and
    /// answer with the new state.</summary>
    private static async Task<IResult> ChangeAsync(
        string purpose,
        HttpContext http,
        IConsentService consents,
        IOptions<DataGuardOptions> options,
        Func<IConsentService, SubjectId, string, ConsentDetails, CancellationToken, Task> change)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subjectId, out var failure))
        {
            return failure!;
        }

        if (options.Value.Purposes.Find(purpose) is not { } declared)
        {
            return ConsentProblems.UnknownPurpose(purpose);
        }

        await change(
            consents,
            subjectId,
            declared.Name,
            new ConsentDetails { Source = ConsentSources.Api, Actor = subjectId.Value },
            http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(ConsentStateResponse.From(await consents.GetAsync(subjectId, declared.Name, http.RequestAborted).ConfigureAwait(false), declared));
    }
}
