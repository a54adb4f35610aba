using DataGuard.Audit;

namespace DataGuard.AspNetCore.Console;

/// <summary>The outcome of the last "verify now" on this console instance, shown as the chain's status until the next.</summary>
internal sealed class ChainStatus
{
    private Verification? _last;

    public Verification? Last => Volatile.Read(ref _last);

    public void Set(AuditVerificationReport report, DateTimeOffset at, string actor) => Volatile.Write(ref _last, new Verification(report, at, actor));

    /// <summary>One verification: its report, when and by whom.</summary>
    internal sealed record Verification(AuditVerificationReport Report, DateTimeOffset At, string Actor);
}
