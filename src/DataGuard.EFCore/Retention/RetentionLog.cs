using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Retention;

/// <summary>The retention job's log messages (event ids 1302 to 1315), written to the retention service's logger.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "DataGuard retention of {Entity}: {Due} rows past their period; {Purged} deleted, " +
        "{Anonymized} anonymised, {Shredded} shredded, {Held} kept under a legal hold or retention minimum; {Errors} errors")]
    internal static partial void LogEntity(ILogger logger, string entity, long due, long purged, long anonymized, long shredded, long held, int errors);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "DataGuard retention dry run of {Entity} (nothing changed): {Due} rows past their " +
        "period; would delete {Purged}, anonymise {Anonymized}, shred {Shredded}; {Held} kept under a legal hold or retention minimum; {Errors} errors")]
    internal static partial void LogEntityDryRun(ILogger logger, string entity, long due, long purged, long anonymized, long shredded, long held, int errors);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "DataGuard retention batch: {Action} {Rows} {Entity} rows ({Done} in this run so far)")]
    internal static partial void LogBatch(ILogger logger, string entity, string action, int rows, long done);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "DataGuard retention left {Entity} to another instance, which holds its lease")]
    internal static partial void LogLeaseHeldElsewhere(ILogger logger, string entity);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "DataGuard retention of {Entity} failed; committed batches stay, the next run retries")]
    internal static partial void LogFailed(ILogger logger, string entity, Exception exception);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "DataGuard retention lost the lease of {Entity}; another instance took it over")]
    internal static partial void LogLeaseLost(ILogger logger, string entity);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "DataGuard retention batch of {Entity} hit a transient database error (attempt " +
        "{Attempt}); retrying")]
    internal static partial void LogTransient(ILogger logger, string entity, int attempt, Exception exception);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "DataGuard retention changed rows, but the SQLite write-ahead log could not be " +
        "emptied in {Attempts} attempts (another connection kept a read transaction open): old values may remain in the -wal file until the next checkpoint; " +
        "the report says Scrubbed = false")]
    internal static partial void LogCopiesMayRemain(ILogger logger, int attempts);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "DataGuard retention could not renew lease {Lease}; it retries at the next heartbeat")]
    internal static partial void LogRenewFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "DataGuard retention could not release lease {Lease}; it expires by itself")]
    internal static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "DataGuard retention of {Entity} has Then = Shred, but subject keys are off; its rows " +
        "were left unchanged")]
    internal static partial void LogShredUnavailable(ILogger logger, string entity);
}
