namespace DataGuard.Audit;

/// <summary>One page of audit entries, in sequence order.</summary>
public sealed class AuditPage
{
    /// <summary>Creates a page.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="nextAfterSequence">The cursor of the next page, or null when this is the last page.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    public AuditPage(IReadOnlyList<AuditEntry> entries, long? nextAfterSequence)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        NextAfterSequence = nextAfterSequence;
    }

    /// <summary>The entries of this page.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; }

    /// <summary>Pass as <see cref="AuditQuery.AfterSequence"/> to read the next page; null when there is none.</summary>
    public long? NextAfterSequence { get; }
}
