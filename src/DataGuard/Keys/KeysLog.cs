using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>The key rings' log messages. They name key ids, kinds and counts only: never key material or subject ids.</summary>
internal static partial class KeysLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "DataGuard created {Kind} key {KeyId}")]
    public static partial void LogKeyCreated(ILogger logger, int keyId, DataKeyKind kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "DataGuard rotated data key {KeyId}: it reached its nonce budget of {Budget} encryptions (Encryption.NonceBudget); key {NewKeyId} is the active data key")]
    public static partial void LogBudgetRotation(ILogger logger, int keyId, long budget, int newKeyId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "DataGuard's key store ({StoreType}) does not count encryptions per key: Encryption.NonceBudget is not enforced. Implement the count in the store, or rotate keys yourself well before 2^32 encryptions per key")]
    public static partial void LogUncounted(ILogger logger, string storeType);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "DataGuard loaded {Count} subject keys around key {KeyId}")]
    public static partial void LogWindowLoaded(ILogger logger, int count, int keyId);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Debug, Message = "DataGuard created {Count} subject keys")]
    public static partial void LogKeysCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "DataGuard could not create subject keys in one write (another instance may have created some); creating them one by one")]
    public static partial void LogCreateRace(ILogger logger, Exception exception);
}
