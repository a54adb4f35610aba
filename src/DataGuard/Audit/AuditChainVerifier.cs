namespace DataGuard.Audit;

/// <summary>
/// Walks entries in sequence order from an anchor (the start of the chain, or a checkpoint older entries were pruned
/// up to) and stops at the first one that breaks the chain. Streaming, so a chain of any length verifies in flat memory.
/// </summary>
internal sealed class AuditChainVerifier(long anchorSequence, ReadOnlyMemory<byte> anchorHash)
{
    private long _expected = anchorSequence + 1;
    private ReadOnlyMemory<byte> _previousHash = anchorHash;
    private long _verified;

    public AuditChainVerifier()
        : this(0, AuditChain.GenesisHash)
    {
    }

    public AuditVerificationReport? Failure { get; private set; }

    /// <summary>Checks the next entry; returns false once the chain is broken (see <see cref="Failure"/>).</summary>
    /// <param name="entry">The next entry.</param>
    /// <param name="hashMatches">Whether the caller already found that the entry's hash matches its content (null: check it here).</param>
    public bool Add(AuditEntry entry, bool? hashMatches = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Failure is not null)
        {
            return false;
        }

        if (entry.Sequence > _expected)
        {
            return Fail(_expected, $"entry {_expected} is missing; the next entry is {entry.Sequence}.");
        }

        if (entry.Sequence < _expected)
        {
            return Fail(_expected, $"entry {entry.Sequence} appears where entry {_expected} belongs (duplicated or out of order).");
        }

        if (!(hashMatches ?? AuditChain.HashMatches(entry)))
        {
            return Fail(_expected, $"entry {_expected} does not match its hash: it was modified, or inserted without a valid hash.");
        }

        if (!AuditChain.HashEquals(entry.PreviousHash.Span, _previousHash.Span))
        {
            return Fail(_expected, $"entry {_expected} does not link to entry {_expected - 1}: an entry before it was replaced, or it was moved.");
        }

        _previousHash = entry.Hash;
        _expected++;
        _verified++;
        return true;
    }

    /// <summary>Finishes the walk: the last entry must be the recorded head of the chain.</summary>
    public AuditVerificationReport Complete(long headSequence, ReadOnlySpan<byte> headHash)
    {
        if (Failure is not null)
        {
            return Failure;
        }

        var last = _expected - 1;
        if (last < headSequence)
        {
            Fail(_expected, $"entries {_expected} to {headSequence} are missing; the chain head is at {headSequence}.");
        }
        else if (last > headSequence)
        {
            Fail(headSequence + 1, $"entry {headSequence + 1} lies beyond the chain head at {headSequence}.");
        }
        else if (!AuditChain.HashEquals(_previousHash.Span, headHash))
        {
            Fail(last, $"entry {last} does not match the hash recorded at the chain head.");
        }

        return Failure ?? new AuditVerificationReport(anchorSequence, _verified, null, null);
    }

    /// <summary>Records a break found outside the chain itself, for example an entry that differs from a signed checkpoint.</summary>
    public bool Fail(long sequence, string problem)
    {
        Failure = new AuditVerificationReport(anchorSequence, _verified, sequence, problem);
        return false;
    }
}
