using DataGuard.Subjects.Requests;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Requests;

/// <summary>Log messages of the request routes: request ids and kinds only, no subject ids.</summary>
internal static partial class DataSubjectEndpointLog
{
    [LoggerMessage(
        EventId = 8201,
        EventName = "SubjectRequestFailed",
        Level = LogLevel.Error,
        Message = "Subject request {RequestId} ({Kind}) failed; it is closed as failed.")]
    public static partial void Failed(ILogger logger, Exception exception, Guid requestId, DataGuard.Subjects.Requests.SubjectRequestKind kind);

    [LoggerMessage(
        EventId = 8202,
        EventName = "SubjectRequestConflict",
        Level = LogLevel.Information,
        Message = "Subject request {RequestId} was changed concurrently; answered 409.")]
    public static partial void Conflict(ILogger logger, Guid requestId);
}
