using DataGuard.Masking.Classification;

namespace DataGuard.Tests.Masking;

/// <summary>A logged object whose properties carry DataGuard classifications.</summary>
internal sealed class Refund
{
    public decimal Amount { get; init; }

    [IdentityData]
    public string Name { get; init; } = "";

    [FinancialData]
    public string Card { get; init; } = "";
}
