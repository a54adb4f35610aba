using DataGuard.Consent;
using Microsoft.Extensions.Logging;

namespace DataGuard.Purposes;

/// <summary>Purpose limitation's log messages (event ids 1700-1709). They name purposes and reasons, never subjects.</summary>
internal static partial class PurposeLog
{
    [LoggerMessage(
        EventId = 1700,
        EventName = "PurposeRefused",
        Level = LogLevel.Information,
        Message = "Processing for purpose '{Purpose}' was refused: {Reason}.")]
    public static partial void Refused(ILogger logger, string purpose, PurposeDenialReason reason);

    [LoggerMessage(EventId = 1701, EventName = "PurposeScopeStarted", Level = LogLevel.Debug, Message = "A purpose scope for '{Purpose}' started.")]
    public static partial void ScopeStarted(ILogger logger, string purpose);
}
