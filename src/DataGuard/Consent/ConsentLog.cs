using Microsoft.Extensions.Logging;

namespace DataGuard.Consent;

/// <summary>Consent log messages. They name purposes and record kinds only: no subject ids, no evidence.</summary>
internal static partial class ConsentLog
{
    [LoggerMessage(EventId = 6001, EventName = "ConsentRecorded", Level = LogLevel.Debug, Message = "Recorded {Kind} for purpose '{Purpose}'.")]
    public static partial void Recorded(ILogger logger, ConsentRecordKind kind, string purpose);

    [LoggerMessage(
        EventId = 6002,
        EventName = "ConsentUnchanged",
        Level = LogLevel.Debug,
        Message = "Nothing recorded: {Kind} for purpose '{Purpose}' is already in force.")]
    public static partial void Unchanged(ILogger logger, ConsentRecordKind kind, string purpose);

    [LoggerMessage(
        EventId = 6003,
        EventName = "ConsentRefused",
        Level = LogLevel.Information,
        Message = "Processing for purpose '{Purpose}' refused: {Reason}.")]
    public static partial void Refused(ILogger logger, string purpose, ConsentStatus reason);
}
