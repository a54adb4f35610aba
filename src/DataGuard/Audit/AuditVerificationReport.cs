namespace DataGuard.Audit;

/// <summary>The outcome of verifying the audit chain: intact, or the first entry where it breaks and why.</summary>
public sealed class AuditVerificationReport
{
    internal AuditVerificationReport(long verifiedFrom, long entriesVerified, long? firstBrokenSequence, string? problem)
    {
        VerifiedFrom = verifiedFrom;
        EntriesVerified = entriesVerified;
        FirstBrokenSequence = firstBrokenSequence;
        Problem = problem;
    }

    /// <summary>Whether every entry verified, linked to its predecessor and the chain ends at the recorded head.</summary>
    public bool IsIntact => FirstBrokenSequence is null;

    /// <summary>The sequence number the verification started after: 0 for the start of the chain, or the sequence of
    /// the checkpoint older entries were pruned up to.</summary>
    public long VerifiedFrom { get; }

    /// <summary>How many entries verified before the first break (all of them when intact).</summary>
    public long EntriesVerified { get; }

    /// <summary>The sequence number of the first entry that is modified, missing, inserted or out of order; null when intact.</summary>
    public long? FirstBrokenSequence { get; }

    /// <summary>What is wrong at <see cref="FirstBrokenSequence"/>, without personal data; null when intact.</summary>
    public string? Problem { get; }

    /// <summary>A one-line summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => IsIntact
        ? $"Audit chain intact: {EntriesVerified} entries after sequence {VerifiedFrom}."
        : $"Audit chain broken at sequence {FirstBrokenSequence}: {Problem}";
}
