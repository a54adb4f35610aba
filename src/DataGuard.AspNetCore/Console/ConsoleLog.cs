using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Console;

/// <summary>The privacy console's log messages (event ids 9300–9399). Ids and exception types only.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Error, Message = "The re-encryption run started from the privacy console failed.")]
    public static partial void ReencryptionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Privacy console action {Action} on request {RequestId} failed: {Reason}.")]
    public static partial void ActionFailed(ILogger logger, string action, Guid requestId, string reason);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Error, Message = "The retention run started from the privacy console failed; the batches it committed " +
        "stay done.")]
    public static partial void RetentionRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9304, Level = LogLevel.Warning, Message = "The erasure report of request {RequestId} could not be stored ({Reason}): it is kept " +
        "in this instance's memory only. Add the DataGuardErasureReports table (see docs/console.md, upgrade notes).")]
    public static partial void ErasureReportNotStored(ILogger logger, Guid requestId, string reason);
}
