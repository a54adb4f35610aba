using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>The ProblemDetails (RFC 9457) of a refused tenant resolution. They name the source, never the value the
/// client sent.</summary>
internal static class TenantProblems
{
    public static ProblemHttpResult For(TenantResolutionOutcome outcome, TenantSource? source) => outcome switch
    {
        TenantResolutionOutcome.Conflict => DataSubjectProblems.Create(
            StatusCodes.Status403Forbidden,
            DataSubjectProblems.Type("tenants.md", "tenant-conflict"),
            "The request names more than one tenant.",
            $"The {source} does not agree with the request's other tenant sources, or the signed-in user has no tenant claim.",
            ("reason", "tenant-conflict")),
        TenantResolutionOutcome.Invalid => DataSubjectProblems.Create(
            StatusCodes.Status400BadRequest,
            DataSubjectProblems.Type("tenants.md", "tenant-invalid"),
            "The request's tenant id is not valid.",
            $"The {source} holds a value that is not a tenant id.",
            ("reason", "tenant-invalid")),
        _ => DataSubjectProblems.Create(
            StatusCodes.Status400BadRequest,
            DataSubjectProblems.Type("tenants.md", "tenant-required"),
            "The request has no tenant.",
            "This endpoint works for one tenant, and the request names none.",
            ("reason", "tenant-required")),
    };
}
