using DataGuard.Model;
using DataGuard.Model.DataMaps;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.DependencyInjection;

/// <summary>Logs the data map's review findings at start-up (personal data no purpose uses, purposes that use nothing,
/// data no subject reaches) as warnings: they are for a privacy review, not reasons to stop the host.</summary>
internal static partial class DataMapStartupReview
{
    /// <summary>Logs the findings; always <see langword="true"/>, so it can sit in a start-up validation.</summary>
    public static bool Log(PersonalDataModel model, DataGuardOptions options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("DataGuard.Model.DataMaps.DataMap");
        foreach (var finding in DataMap.Create(model, options).Review())
        {
            Finding(logger, finding);
        }

        return true;
    }

    [LoggerMessage(EventId = 1702, EventName = "DataMapReviewFinding", Level = LogLevel.Warning, Message = "Record of processing: {Finding}")]
    private static partial void Finding(ILogger logger, string finding);
}
