using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>Tenant resolution's log messages (event ids 9400-9409). They name the source (claim type, header name),
/// never a value the client sent.</summary>
internal static partial class TenantResolutionLog
{
    [LoggerMessage(EventId = 9400, EventName = "TenantResolved", Level = LogLevel.Debug, Message = "The request's tenant is '{Tenant}' (from the {Source}).")]
    public static partial void Resolved(ILogger logger, string tenant, TenantSource source);

    [LoggerMessage(
        EventId = 9401,
        EventName = "TenantRefused",
        Level = LogLevel.Information,
        Message = "A request was refused: {Outcome} tenant (at the {Source}).")]
    public static partial void Refused(ILogger logger, TenantResolutionOutcome outcome, TenantSource? source);
}
