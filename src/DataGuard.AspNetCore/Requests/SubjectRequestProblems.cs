using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Requests;

/// <summary>The ProblemDetails of the request routes. They name request ids, never the subject.</summary>
internal static class SubjectRequestProblems
{
    public static readonly string NotFoundType = DataSubjectProblems.Type("subject-requests.md", "request-not-found");
    public static readonly string NotVerifiedType = DataSubjectProblems.Type("subject-requests.md", "identity-not-verified");
    public static readonly string ConflictType = DataSubjectProblems.Type("subject-requests.md", "request-conflict");
    public static readonly string FailedType = DataSubjectProblems.Type("subject-requests.md", "request-failed");
    public static readonly string InvalidRectificationType = DataSubjectProblems.Type("subject-requests.md", "invalid-rectification");

    /// <summary>The same answer whether the id does not exist or belongs to someone else, so ids cannot be probed.</summary>
    public static IResult NotFound() => DataSubjectProblems.Create(
        StatusCodes.Status404NotFound,
        NotFoundType,
        "Request not found",
        "You have no request with this id.");

    public static IResult NotVerified(Guid requestId, string location, string? reason) => DataSubjectProblems.Create(
        StatusCodes.Status403Forbidden,
        NotVerifiedType,
        "Identity not verified",
        "The request was rejected because your identity could not be verified.",
        ("requestId", requestId),
        ("location", location),
        ("reason", reason));

    public static IResult Conflict(Guid requestId) => DataSubjectProblems.Create(
        StatusCodes.Status409Conflict,
        ConflictType,
        "Request changed",
        "The request was changed at the same time by another call; check its status and try again.",
        ("requestId", requestId));

    public static IResult Failed(Guid requestId, string location) => DataSubjectProblems.Create(
        StatusCodes.Status500InternalServerError,
        FailedType,
        "Request failed",
        "The request could not be carried out and was closed as failed; you can submit it again.",
        ("requestId", requestId),
        ("location", location));

    public static IResult InvalidRectification(string detail) => DataSubjectProblems.Create(
        StatusCodes.Status400BadRequest,
        InvalidRectificationType,
        "Invalid rectification",
        detail);
}
