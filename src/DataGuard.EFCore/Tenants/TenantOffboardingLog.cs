using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Tenants;

/// <summary>Tenant offboarding's log messages (event ids 1950-1959). They name tenant ids, entity and table names and
/// counts, never a personal value.</summary>
internal static partial class TenantOffboardingLog
{
    [LoggerMessage(
        EventId = 1950,
        EventName = "TenantContractEndRecorded",
        Level = LogLevel.Information,
        Message = "The contract of tenant '{Tenant}' ends at {EndsAt:O}; its data is kept until {DueAt:O}.")]
    public static partial void ContractEndRecorded(ILogger logger, string tenant, DateTimeOffset endsAt, DateTimeOffset dueAt);

    [LoggerMessage(
        EventId = 1951,
        EventName = "TenantOffboardingPlanned",
        Level = LogLevel.Information,
        Message = "Offboarding tenant '{Tenant}' (dry run: {DryRun}) would shred {KeyEncryptionKeys} key-encryption keys wrapping {TenantKeys} keys, " +
            "{Disposal} rows ({Entities}) and delete DataGuard records ({StoreRecords}).")]
    public static partial void Planned(
        ILogger logger, string tenant, bool dryRun, int keyEncryptionKeys, int tenantKeys, string disposal, string entities, string storeRecords);

    [LoggerMessage(
        EventId = 1952,
        EventName = "TenantOffboardingBlocked",
        Level = LogLevel.Warning,
        Message = "Offboarding tenant '{Tenant}' cannot run now: {Blockers}")]
    public static partial void Blocked(ILogger logger, string tenant, string blockers);

    [LoggerMessage(
        EventId = 1953,
        EventName = "TenantOffboarded",
        Level = LogLevel.Warning,
        Message = "Tenant '{Tenant}' was offboarded: {KeyEncryptionKeys} key-encryption keys shredded, {Rows} rows {Disposal}, {StoreRecords} DataGuard " +
            "records deleted; the signed report is stored with its contract.")]
    public static partial void Offboarded(ILogger logger, string tenant, int keyEncryptionKeys, long rows, string disposal, long storeRecords);

    [LoggerMessage(
        EventId = 1954,
        EventName = "TenantOffboardingFailed",
        Level = LogLevel.Error,
        Message = "Offboarding tenant '{Tenant}' failed.")]
    public static partial void Failed(ILogger logger, string tenant, Exception exception);
}
