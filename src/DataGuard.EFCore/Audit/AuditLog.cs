using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Audit;

/// <summary>The audit trail's log messages (event ids 5000-5099 are the audit trail's).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Appending {Count} audit entries failed; SaveChanges fails and the change is not " +
        "committed without them.")]
    public static partial void AppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The read-audit queue is full ({Capacity} records); queries wait for the background " +
        "writer (back-pressure).")]
    public static partial void ReadQueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Writing {Count} read-audit records failed; retrying.")]
    public static partial void ReadFlushFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Read-audit writer stopped after flushing {Count} queued records.")]
    public static partial void ReadWriterDrained(ILogger logger, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Reading the subjects of {Count} {EntityType} rows read through their subject path " +
        "failed, or no {Context} could be resolved from the application's services to read them; the read is audited without those subjects.")]
    public static partial void ReadSubjectPathFailed(ILogger logger, Exception? exception, int count, string entityType, string context);
}
