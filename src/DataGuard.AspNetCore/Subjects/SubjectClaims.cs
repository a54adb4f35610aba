using System.Security.Claims;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Subjects;

/// <summary>Finds the signed-in user's subject id. The subject is always the authenticated user: no route or query
/// value can name another subject.</summary>
internal static class SubjectClaims
{
    public static readonly string NoSubjectProblemType = DataSubjectProblems.Type("consent.md", "no-subject");

    /// <summary>The first configured claim holding a subject id of the model, in the model's one spelling
    /// (<see cref="SubjectIdCanonicalizer"/>: "{3BDB…}" and "3bdb…" are one Guid subject, "007" and "7" one number
    /// subject). A claim that cannot be a subject of the model (a staff account name where subjects are Guids) is
    /// skipped, so such a principal has no subject. Consent endpoints, response masking, the export rate limit and the
    /// audit actor all read the user's subject through here, so one setting configures them all.</summary>
    public static string? Find(ClaimsPrincipal user, SubjectClaimOptions options, IServiceProvider services)
    {
        var subjectIds = services.GetService<SubjectIdCanonicalizer>() ?? SubjectIdCanonicalizer.AsGiven;
        foreach (var type in options.ClaimTypes)
        {
            if (subjectIds.TryCanonicalize(user.FindFirst(type)?.Value, out var subject))
            {
                return subject.Value;
            }
        }

        return null;
    }

    /// <summary>Who acts, for the audit trail: the user's subject id in the model's spelling when a claim holds one, else
    /// the first configured claim as given (a staff account is an actor, though no subject of the model).</summary>
    public static string? FindActor(ClaimsPrincipal user, SubjectClaimOptions options, IServiceProvider services)
    {
        if (Find(user, options, services) is { } subject)
        {
            return subject;
        }

        foreach (var type in options.ClaimTypes)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 and <= SubjectId.MaxLength } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The subject, or the result to return instead: 401 for anonymous requests, 403 <c>no-subject</c> when the
    /// user's claims hold no subject id or one that is not of the model's subject type (a staff account).</summary>
    public static bool TryGetSubject(HttpContext http, out SubjectId subjectId, out IResult? failure)
    {
        subjectId = default;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // A challenge lets the authentication scheme answer (401 with WWW-Authenticate, or a redirect it owns).
            failure = http.RequestServices.GetService<IAuthenticationSchemeProvider>() is null ? Results.Unauthorized() : Results.Challenge();
            return false;
        }

        if (Find(http.User, http.RequestServices.GetRequiredService<IOptions<SubjectClaimOptions>>().Value, http.RequestServices) is { } value
            && ModelSubjects.CanBeSubject(http.RequestServices, value))
        {
            subjectId = new SubjectId(value);
            failure = null;
            return true;
        }

        failure = DataSubjectProblems.Create(
            StatusCodes.Status403Forbidden,
            NoSubjectProblemType,
            "No data subject",
            "The signed-in user is not a data subject: none of the claims named in SubjectClaimOptions.ClaimTypes holds an id of the model's subject type.");
        return false;
    }
}
