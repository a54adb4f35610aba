namespace DataGuard.EFCore.Forwarding;

/// <summary>A row of <c>DataGuardAuditForwardCursors</c>: how far a destination has received the audit chain.</summary>
internal sealed class AuditForwardCursorRecord
{
    public const int MaxNameLength = 100;

    /// <summary>The forwarder's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The last sequence delivered (or dead-lettered); only ever moves forward.</summary>
    public long Sequence { get; set; }

    /// <summary>How many entries the destination refused for good and were skipped.</summary>
    public long DeadLetters { get; set; }

    /// <summary>UTC, when the cursor last moved.</summary>
    public DateTime UpdatedAt { get; set; }
}
