using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>The ProblemDetails (RFC 9457) of a refused tenant resolution. They name the source, never the value the
/// client sent.</summary>
internal static class TenantProblems
{
    /// <summary>A <see cref="DataGuard.Tenants.TenantRequiredException"/> that escaped the application: 400, as for a
    /// request that names no tenant.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails RequiredDetails() => DataSubjectProblems.Details(
        StatusCodes.Status400BadRequest,
        DataSubjectProblems.Type("tenants.md", "tenant-required"),
        "The request has no tenant.",
        "This operation works for one tenant, and the request runs without one.",
        ("reason", "tenant-required"));

    /// <summary>A <see cref="DataGuard.Tenants.TenantMismatchException"/> that escaped the application: 403. Neither tenant
    /// is named: the client learns nothing of another tenant's data or existence.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails MismatchDetails() => DataSubjectProblems.Details(
        StatusCodes.Status403Forbidden,
        DataSubjectProblems.Type("tenants.md", "tenant-mismatch"),
        "The request reaches another tenant's data.",
        "The request works for one tenant and asked for data or a scope of another; nothing was read or written.",
        ("reason", "tenant-mismatch"));

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
