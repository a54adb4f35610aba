using Microsoft.Extensions.Logging;

namespace DataGuard.Tenants;

/// <summary>The tenant context's log messages (event ids 1800-1809). They name tenant ids, never subjects.</summary>
internal static partial class TenantLog
{
    [LoggerMessage(EventId = 1800, EventName = "TenantScopeStarted", Level = LogLevel.Debug, Message = "A scope for tenant '{Tenant}' started.")]
    public static partial void ScopeStarted(ILogger logger, string tenant);

    [LoggerMessage(
        EventId = 1801,
        EventName = "TenantSwitchRefused",
        Level = LogLevel.Warning,
        Message = "A scope for tenant '{Requested}' was refused inside the scope of tenant '{Current}'.")]
    public static partial void SwitchRefused(ILogger logger, string current, string requested);
}
