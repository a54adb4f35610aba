using DataGuard.Masking.Classification;
using Microsoft.Extensions.Logging;

namespace DataGuard.Tests.Masking;

/// <summary>Log messages whose parameters and properties are classified with DataGuard's taxonomy.</summary>
internal static partial class PaymentLog
{
    [LoggerMessage(1, LogLevel.Information, "Customer {Email} paid with {Card}")]
    public static partial void Paid(ILogger logger, [ContactData] string email, [FinancialData] string card);

    [LoggerMessage(2, LogLevel.Information, "Payment refunded")]
    public static partial void Refunded(ILogger logger, [LogProperties] Refund refund);

    [LoggerMessage(3, LogLevel.Information, "Customer updated")]
    public static partial void CustomerUpdated(ILogger logger, [LogProperties] LoggedCustomer customer);
}
