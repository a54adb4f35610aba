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

    [LoggerMessage(
        EventId = 1955,
        EventName = "TenantHandoverArchiveWritten",
        Level = LogLevel.Information,
        Message = "The handover archive of tenant '{Tenant}' was written and verified before offboarding destroyed anything: {File}, {Subjects} " +
            "subjects' export packages, {Length} bytes, SHA-256 {Sha256}.")]
    public static partial void HandoverWritten(ILogger logger, string tenant, string file, int subjects, long length, string sha256);

    [LoggerMessage(
        EventId = 1956,
        EventName = "TenantHandoverArchiveFailed",
        Level = LogLevel.Error,
        Message = "Writing the handover archive of tenant '{Tenant}' failed; nothing was deleted or shredded, and no partial archive was kept.")]
    public static partial void HandoverFailed(ILogger logger, string tenant, Exception exception);

    [LoggerMessage(
        EventId = 1957,
        EventName = "TenantOffboardingJobRun",
        Level = LogLevel.Information,
        Message = "The tenant offboarding job ran (dry run: {DryRun}): {Offboarded} tenants offboarded.")]
    public static partial void JobRun(ILogger logger, bool dryRun, int offboarded);

    [LoggerMessage(
        EventId = 1958,
        EventName = "TenantOffboardingJobFailed",
        Level = LogLevel.Error,
        Message = "The tenant offboarding job failed; it runs again at the next interval.")]
    public static partial void JobFailed(ILogger logger, Exception exception);
}
