using DataGuard.Masking.Classification;
using Microsoft.Extensions.Logging;

namespace DataGuard.Sample.Tour;

/// <summary>The sample's log messages. Parameters classified with DataGuard's taxonomy are masked by redaction.</summary>
internal static partial class CustomerLog
{
    [LoggerMessage(1001, LogLevel.Information, "Customer {Email} was charged {Amount} on card {Card}")]
    public static partial void CardCharged(ILogger logger, [ContactData] string email, decimal amount, [FinancialData] string card);
}
