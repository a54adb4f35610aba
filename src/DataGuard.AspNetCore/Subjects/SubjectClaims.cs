using System.Security.Claims;
using DataGuard.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore;

/// <summary>Finds the signed-in user's subject id. The subject is always the authenticated user: no route or query
/// value can name another subject.</summary>
internal static class SubjectClaims
{
    public static readonly string NoSubjectProblemType = DataSubjectProblems.Type("consent.md", "no-subject");

    /// <summary>The first configured claim holding a usable subject id, in canonical form when the application's
    /// personal-data model is registered (an upper-case Guid claim names the same subject as the entity's Guid).
    /// Consent endpoints, response masking, the export rate limit and the audit actor all read the user's subject
    /// through here, so one setting configures them all.</summary>
    public static string? Find(ClaimsPrincipal user, SubjectClaimOptions options, IServiceProvider services)
    {
        foreach (var type in options.ClaimTypes)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 and <= SubjectId.MaxLength } value)
            {
                return services.GetService<PersonalDataModel>() is { } model ? model.Canonical(new SubjectId(value)).Value : value;
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
