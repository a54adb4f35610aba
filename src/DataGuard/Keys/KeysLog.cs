using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>The key rings' log messages. They name key ids, kinds and counts only: never key material or subject ids.</summary>
internal static partial class KeysLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "DataGuard created {Kind} key {KeyId}")]
    public static partial void LogKeyCreated(ILogger logger, int keyId, DataKeyKind kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "DataGuard rotated data key {KeyId}: it reached its nonce budget of {Budget} " +
        "encryptions (Encryption.NonceBudget); key {NewKeyId} is the active data key")]
    public static partial void LogBudgetRotation(ILogger logger, int keyId, long budget, int newKeyId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "DataGuard's key store ({StoreType}) does not count encryptions per key: " +
        "Encryption.NonceBudget is not enforced. Implement the count in the store, or rotate keys yourself well before 2^32 encryptions per key")]
    public static partial void LogUncounted(ILogger logger, string storeType);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "DataGuard loaded {Count} subject keys around key {KeyId}")]
    public static partial void LogWindowLoaded(ILogger logger, int count, int keyId);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Debug, Message = "DataGuard created {Count} subject keys")]
    public static partial void LogKeysCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "DataGuard could not create subject keys in one write (another instance may have " +
        "created some); creating them one by one")]
    public static partial void LogCreateRace(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "DataGuard is destroying the material of key {KeyId}: values on it in any backup can " +
        "no longer be read")]
    public static partial void LogDestroying(ILogger logger, int keyId);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Information, Message = "DataGuard re-wrapped {Kind} key {KeyId} under the current key-encryption key")]
    public static partial void LogRewrapped(ILogger logger, DataKeyKind kind, int keyId);

    [LoggerMessage(EventId = 1132, Level = LogLevel.Error, Message = "DataGuard {Kind} key {KeyId} cannot be unwrapped: the key-encryption key (Data " +
        "Protection key) that wrapped it is missing, or the stored key is damaged")]
    public static partial void LogUnreadable(ILogger logger, DataKeyKind kind, int keyId, Exception exception);

    [LoggerMessage(EventId = 1160, Level = LogLevel.Information, Message = "DataGuard created key-encryption key {KeyId} of tenant '{Tenant}'")]
    public static partial void LogTenantKeyCreated(ILogger logger, int keyId, string tenant);

    [LoggerMessage(EventId = 1161, Level = LogLevel.Error, Message = "DataGuard cannot use the key-encryption key of tenant '{Tenant}': its key wrapper " +
        "refused it (revoked, disabled, deleted or unreachable), or it was shredded; the tenant's encrypted values cannot be read")]
    public static partial void LogTenantKeyUnavailable(ILogger logger, string tenant, Exception? exception);

    [LoggerMessage(EventId = 1162, Level = LogLevel.Warning, Message = "DataGuard shredded the key-encryption key of tenant '{Tenant}' ({Count} keys): none " +
        "of the tenant's encrypted values can be read again")]
    public static partial void LogTenantKeyShredded(ILogger logger, string tenant, int count);

    [LoggerMessage(EventId = 1163, Level = LogLevel.Information, Message = "DataGuard made key-encryption key {KeyId} current for tenant '{Tenant}' " +
        "({Count} previous ones stay until every key of the tenant is re-wrapped under it and the key refresh interval has passed)")]
    public static partial void LogTenantKeyRotating(ILogger logger, int keyId, string tenant, int count);

    [LoggerMessage(EventId = 1164, Level = LogLevel.Information, Message = "DataGuard destroyed {Count} previous key-encryption keys of tenant '{Tenant}': " +
        "every key of the tenant is wrapped by key-encryption key {KeyId}")]
    public static partial void LogTenantKeyRotated(ILogger logger, int count, string tenant, int keyId);
}
