using DataGuard.EFCore.Audit;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>Orders of the audit column list a test builds the appender's SQL from.</summary>
internal static class AuditColumnOrders
{
    public const string Declared = "declared";
    public const string Reversed = "reversed";
    public const string Rotated = "rotated";

    public static IReadOnlyList<AuditEntryColumn> Of(string order) => order switch
    {
        Declared => AuditEntryColumns.All,
        Reversed => [.. AuditEntryColumns.All.Reverse()],
        Rotated => [.. AuditEntryColumns.All.Skip(5), .. AuditEntryColumns.All.Take(5)],
        _ => throw new ArgumentOutOfRangeException(nameof(order)),
    };
}
