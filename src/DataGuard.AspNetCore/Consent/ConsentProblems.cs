using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DataGuard.AspNetCore.Consent;

/// <summary>The ProblemDetails (RFC 9457) DataGuard returns when consent stops a request. They name the purpose and
/// the reason, never the subject.</summary>
internal static class ConsentProblems
{
    public const string ConsentRequiredType = "https://github.com/dataguard-dotnet/dataguard/blob/main/docs/consent.md#consent-required";
    public const string UnknownPurposeType = "https://github.com/dataguard-dotnet/dataguard/blob/main/docs/consent.md#unknown-purpose";

    public static IResult ConsentRequired(string purpose, ConsentStatus reason) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Type = ConsentRequiredType,
        Title = "Consent required",
        Detail = $"Processing for purpose '{purpose}' may not go ahead: {ConsentStatusText.Describe(reason)}.",
        Extensions =
        {
            ["purpose"] = purpose,
            ["reason"] = ConsentStatusText.ToCode(reason),
        },
    });

    public static IResult UnknownPurpose(string purpose) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Type = UnknownPurposeType,
        Title = "Unknown purpose",
        Detail = $"No purpose '{purpose}' is declared.",
        Extensions = { ["purpose"] = purpose },
    });
}
