using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Subjects;

/// <summary>Log messages of export and erasure: counts only, no subject ids or values.</summary>
internal static partial class SubjectRightsLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "DataGuard exported a data subject: {Entities} entities, {Rows} rows, signed " +
        "{Signed}")]
    public static partial void LogExported(ILogger logger, int entities, long rows, bool signed);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "DataGuard erased a data subject over {Entities} entities: {Deleted} deleted, " +
        "{Anonymized} anonymised, {Shredded} shredded, {Kept} kept")]
    public static partial void LogErased(ILogger logger, int entities, long deleted, long anonymized, long shredded, long kept);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "DataGuard vacuumed the SQLite database after an erasure")]
    public static partial void LogVacuumed(ILogger logger);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "DataGuard could not vacuum the SQLite database after an erasure: another connection " +
        "holds a lock; the erasure stands, the report says Vacuumed = false")]
    public static partial void LogVacuumBlocked(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "DataGuard erased a data subject, but the SQLite write-ahead log could not be emptied " +
        "in {Attempts} attempts (another connection kept a read transaction open): erased values may remain in the -wal file until the next checkpoint; the " +
        "erasure report says Scrubbed = false")]
    public static partial void LogCopiesMayRemain(ILogger logger, int attempts);
}
