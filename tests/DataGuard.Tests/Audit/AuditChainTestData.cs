using System.Globalization;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Tests.Audit;

/// <summary>Builds valid chains and tampered copies of their entries.</summary>
internal static class AuditChainTestData
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>(length);
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var record = new AuditRecord(
                Start.AddTicks(i * 12_340),
                (i % 3) switch { 0 => AuditActions.EntityInserted, 1 => AuditActions.EntityUpdated, _ => AuditActions.ConsentGranted },
                i % 4 == 0 ? null : "user-" + (i % 7).ToString(CultureInfo.InvariantCulture),
                i % 5 == 0 ? null : Guid.Parse("00000000-0000-0000-0000-" + i.ToString("D12", CultureInfo.InvariantCulture)).ToString("D"),
                "Customer",
                i.ToString(CultureInfo.InvariantCulture),
                i % 2 == 0 ? ["Email", "Name"] : null,
                i % 3 == 0 ? "marketing" : null,
                "trace-" + i.ToString(CultureInfo.InvariantCulture),
                i % 6 == 0 ? "" : null,
                i % 4 == 1 ? [new AuditValueChange("Email", i % 8 == 1 ? null : "a***@example.com", "b***@example.com"),
                    new AuditValueChange("Name", "***", null)] : null);
            var entry = record.Seal(i, previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    public static AuditEntry Copy(
        AuditEntry e,
        long? sequence = null,
        DateTimeOffset? timestamp = null,
        string? action = null,
        Func<string?, string?>? actor = null,
        Func<string?, string?>? subject = null,
        Func<IReadOnlyList<string>?, IReadOnlyList<string>?>? properties = null,
        Func<string?, string?>? details = null,
        Func<IReadOnlyList<AuditValueChange>?, IReadOnlyList<AuditValueChange>?>? changes = null,
        ReadOnlyMemory<byte>? previousHash = null,
        ReadOnlyMemory<byte>? hash = null) => new()
    {
        Sequence = sequence ?? e.Sequence,
        Timestamp = timestamp ?? e.Timestamp,
        Action = action ?? e.Action,
        Actor = actor is null ? e.Actor : actor(e.Actor),
        SubjectId = subject is null ? e.SubjectId : subject(e.SubjectId),
        EntityType = e.EntityType,
        EntityKey = e.EntityKey,
        Properties = properties is null ? e.Properties : properties(e.Properties),
        Purpose = e.Purpose,
        CorrelationId = e.CorrelationId,
        Details = details is null ? e.Details : details(e.Details),
        Changes = changes is null ? e.Changes : changes(e.Changes),
        PreviousHash = previousHash ?? e.PreviousHash,
        Hash = hash ?? e.Hash,
    };

    public static byte[] FlipBit(ReadOnlyMemory<byte> value, int bit)
    {
        var copy = value.ToArray();
        copy[bit / 8 % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    public static AuditVerificationReport Verify(IEnumerable<AuditEntry> entries, long headSequence, ReadOnlyMemory<byte> headHash)
    {
        var verifier = new AuditChainVerifier();
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete(headSequence, headHash.Span);
    }
}
