using Microsoft.Extensions.Logging;

namespace DataGuard.Subjects.Requests;

/// <summary>Request-tracking log messages. They name request ids, kinds and statuses only: no subject ids, no reasons.</summary>
internal static partial class SubjectRequestLog
{
    [LoggerMessage(
        EventId = 8101,
        EventName = "SubjectRequestReceived",
        Level = LogLevel.Information,
        Message = "Subject request {RequestId} ({Kind}) received, due {DueAt:O}.")]
    public static partial void Received(ILogger logger, Guid requestId, SubjectRequestKind kind, DateTimeOffset dueAt);

    [LoggerMessage(
        EventId = 8102,
        EventName = "SubjectRequestChanged",
        Level = LogLevel.Information,
        Message = "Subject request {RequestId} ({Kind}): {Action}, now {Status}.")]
    public static partial void Changed(ILogger logger, Guid requestId, SubjectRequestKind kind, SubjectRequestAction action, SubjectRequestStatus status);

    [LoggerMessage(
        EventId = 8103,
        EventName = "SubjectRequestConflict",
        Level = LogLevel.Warning,
        Message = "Subject request {RequestId}: {Action} lost a race with another change (version {ExpectedVersion}).")]
    public static partial void Conflict(ILogger logger, Guid requestId, SubjectRequestAction action, int expectedVersion);
}
