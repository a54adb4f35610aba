using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGuard.AspNetCore.Consent;

/// <summary>The ProblemDetails (RFC 9457) DataGuard returns when consent stops a request. They name the purpose and
/// the reason, never the subject.</summary>
internal static class ConsentProblems
{
    public static readonly string ConsentRequiredType = DataSubjectProblems.Type("consent.md", "consent-required");
    public static readonly string UnknownPurposeType = DataSubjectProblems.Type("consent.md", "unknown-purpose");

    public static IResult ConsentRequired(string purpose, ConsentStatus reason) => TypedResults.Problem(ConsentRequiredDetails(purpose, reason));

    /// <summary>The one body of a consent refusal, whether <c>RequireConsent</c> answers it or DataGuard's exception
    /// handler turns a <see cref="ConsentRequiredException"/> from the application's own code into it.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails ConsentRequiredDetails(string purpose, ConsentStatus reason) => DataSubjectProblems.Details(
        StatusCodes.Status403Forbidden,
        ConsentRequiredType,
        "Consent required",
        $"Processing for purpose '{purpose}' may not go ahead: {ConsentStatusText.Describe(reason)}.",
        ("purpose", purpose),
        ("reason", ConsentStatusText.ToCode(reason)));

    public static IResult UnknownPurpose(string purpose) => DataSubjectProblems.Create(
        StatusCodes.Status404NotFound,
        UnknownPurposeType,
        "Unknown purpose",
        $"No purpose '{purpose}' is declared.",
        ("purpose", purpose));
}
