using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Encryption;

/// <summary>The re-encryption job's log messages. They name entities, properties, key ids and row keys (identifiers),
/// never a stored or decrypted value.</summary>
internal static partial class ReencryptionLog
{
    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "DataGuard re-encrypted {Count} {Entity} rows to key {KeyId} ({Done} in this run)")]
    public static partial void LogBatch(ILogger logger, string entity, int count, long done, int keyId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "DataGuard skipped a {Entity} row ({RowKey}) in re-encryption: {Property} on key " +
        "{KeyId} cannot be decrypted")]
    public static partial void LogSkipped(ILogger logger, string entity, string? property, int? keyId, string rowKey);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "DataGuard left {Count} {Entity} rows changed by the application during pass " +
        "{Pass} of re-encryption; reading them again")]
    public static partial void LogConflicts(ILogger logger, string entity, int count, int pass);
}
