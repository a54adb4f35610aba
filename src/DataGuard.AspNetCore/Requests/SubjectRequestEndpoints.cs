using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Routing;

namespace DataGuard.AspNetCore.Requests;

/// <summary>
/// The signed-in subject's request routes under <c>MapDataSubjectEndpoints</c>, one route group a file: export
/// (GDPR Art. 15, 20: <see cref="ExportEndpoint"/>), erasure (Art. 17: <see cref="ErasureEndpoint"/>), rectification
/// (Art. 16: <see cref="RectificationEndpoint"/>), restriction (Art. 18: <see cref="RestrictionEndpoint"/>) and the
/// status of their own requests (<see cref="RequestStatusEndpoints"/>). Every call that does work is a tracked request
/// (<see cref="SubjectRequestCall"/>): received, verified by the <see cref="ISubjectVerifier"/>, started and completed,
/// so the subject and the staff see the same history.
/// </summary>
internal static class SubjectRequestEndpoints
{
    public const string GetRequestRouteName = "DataGuardGetSubjectRequest";

    public static void Map(IEndpointRouteBuilder group, DataSubjectEndpointOptions options)
    {
        ExportEndpoint.Map(group);
        ErasureEndpoint.Map(group);
        if (options.Rectification)
        {
            RectificationEndpoint.Map(group, options.MaxRequestBodySize);
        }

        RestrictionEndpoint.Map(group);
        RequestStatusEndpoints.Map(group);
    }
}
