using DataGuard.Audit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static DataGuard.Tests.Audit.AuditChainTestData;

namespace DataGuard.Tests.Audit;

public sealed class AuditChainVerifierTests
{
    private static readonly Gen<int> Lengths = Gen.Choose(1, 500);

    [Property(MaxTest = 60)]
    public Property An_untouched_chain_verifies() => Prop.ForAll(Arb.From(Lengths), length =>
    {
        var chain = Chain(length);
        var report = Verify(chain, length, chain[^1].Hash);
        return report.IsIntact && report.EntriesVerified == length;
    });

    [Property(MaxTest = 200)]
    public Property A_modified_entry_is_reported_at_its_sequence()
    {
        var cases = from length in Lengths
                    from index in Gen.Choose(1, length)
                    from field in Gen.Choose(0, 8)
                    from bit in Gen.Choose(0, 255)
                    select (length, index, field, bit);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var chain = Chain(c.length);
            var head = chain[^1].Hash;
            var e = chain[c.index - 1];
            chain[c.index - 1] = c.field switch
            {
                0 => Copy(e, timestamp: e.Timestamp.AddTicks(10)),
                1 => Copy(e, action: e.Action + "x"),
                2 => Copy(e, actor: a => a is null ? "" : null),
                3 => Copy(e, subject: s => (s ?? "") + "0"),
                4 => Copy(e, properties: p => p is null ? [] : [.. p, "CardNumber"]),
                5 => Copy(e, details: d => d is null ? "x" : null),
                6 => Copy(e, previousHash: FlipBit(e.PreviousHash, c.bit)),
                8
                    => Copy(e, changes: v => v is null ? [new AuditValueChange("Email", null,
                        "x***@example.com")] : [.. v.Select(x => new AuditValueChange(x.Property, x.NewValue, x.OldValue))]),
                _ => Copy(e, hash: FlipBit(e.Hash, c.bit)),
            };
            var report = Verify(chain, c.length, head);
            return (report.FirstBrokenSequence == c.index).Label($"expected {c.index}, got {report}");
        });
    }

    [Property(MaxTest = 200)]
    public Property A_deleted_entry_is_reported_at_its_sequence()
    {
        var cases = from length in Lengths from index in Gen.Choose(1, length) select (length, index);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var chain = Chain(c.length);
            var head = chain[^1].Hash;
            chain.RemoveAt(c.index - 1);
            var report = Verify(chain, c.length, head);
            return (report.FirstBrokenSequence == c.index).Label($"expected {c.index}, got {report}");
        });
    }

    [Property(MaxTest = 200)]
    public Property An_inserted_entry_is_reported_at_its_sequence()
    {
        var cases = from length in Lengths
                    from index in Gen.Choose(1, length + 1)
                    from renumber in Gen.Elements(true, false)
                    select (length, index, renumber);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var chain = Chain(c.length);
            var head = chain[^1].Hash;
            var previous = c.index == 1 ? AuditChain.GenesisHash : chain[c.index - 2].Hash;
            var template = chain[Math.Min(c.index, c.length) - 1];

            // The forger links to the real predecessor but cannot know the next entries' hashes, so the forged hash is
            // whatever it computes; the following entries are renumbered (or left in place).
            var forged = Copy(template, sequence: c.index, actor: _ => "forger", previousHash: previous, hash: FlipBit(template.Hash, 3));
            var tampered = chain.Take(c.index - 1).Append(forged)
                .Concat(chain.Skip(c.index - 1).Select(e => c.renumber ? Copy(e, sequence: e.Sequence + 1) : e))
                .ToList();
            var report = Verify(tampered, c.length, head);
            return (report.FirstBrokenSequence == c.index).Label($"expected {c.index}, got {report}");
        });
    }

    [Property(MaxTest = 200)]
    public Property Swapped_entries_are_reported_at_the_first_of_them()
    {
        var cases = from length in Gen.Choose(2, 500)
                    from first in Gen.Choose(1, length - 1)
                    from second in Gen.Choose(first + 1, length)
                    from keepSequences in Gen.Elements(true, false)
                    select (length, first, second, keepSequences);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var chain = Chain(c.length);
            var head = chain[^1].Hash;
            var a = chain[c.first - 1];
            var b = chain[c.second - 1];

            // Either the stored order changes (rows exchanged with their sequence numbers, read in storage order) or the
            // content moves while the sequence numbers stay put.
            chain[c.first - 1] = c.keepSequences ? Copy(b, sequence: a.Sequence) : b;
            chain[c.second - 1] = c.keepSequences ? Copy(a, sequence: b.Sequence) : a;
            var report = Verify(chain, c.length, head);
            return (report.FirstBrokenSequence == c.first).Label($"expected {c.first}, got {report}");
        });
    }

    [Fact]
    public void A_chain_rewritten_without_moving_the_head_is_reported_at_the_head()
    {
        var chain = Chain(3);
        var report = Verify(chain, 3, FlipBit(chain[^1].Hash, 0));
        Assert.Equal(3, report.FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_beyond_the_head_is_reported()
    {
        var chain = Chain(4);
        var report = Verify(chain, 3, chain[2].Hash);
        Assert.Equal(4, report.FirstBrokenSequence);
    }

    [Fact]
    public void An_empty_chain_with_an_empty_head_verifies()
    {
        var report = Verify([], 0, AuditChain.GenesisHash);
        Assert.True(report.IsIntact);
        Assert.Equal(0, report.EntriesVerified);
    }

    [Fact]
    public void A_chain_verifies_from_a_checkpoint_after_older_entries_are_pruned()
    {
        var chain = Chain(10);
        var verifier = new AuditChainVerifier(6, chain[5].Hash);
        Assert.All(chain.Skip(6), e => Assert.True(verifier.Add(e)));
        var report = verifier.Complete(10, chain[^1].Hash.Span);
        Assert.True(report.IsIntact);
        Assert.Equal(6, report.VerifiedFrom);
        Assert.Equal(4, report.EntriesVerified);
    }

    [Fact]
    public void Entries_pruned_without_a_checkpoint_are_reported_missing()
    {
        var chain = Chain(10);
        var report = Verify(chain.Skip(3), 10, chain[^1].Hash);
        Assert.Equal(1, report.FirstBrokenSequence);
        Assert.Contains("entry 1 is missing", report.Problem, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Stored_hashes_of_the_wrong_length_are_reported_not_thrown()
    {
        var cases = from length in Gen.Choose(1, 50)
                    from index in Gen.Choose(1, length)
                    from size in Gen.Elements(0, 1, 31, 33, 64, 1 << 20)
                    from previous in Gen.Elements(true, false)
                    select (length, index, size, previous);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var chain = Chain(c.length);
            var head = chain[^1].Hash;
            var e = chain[c.index - 1];
            var bad = new byte[c.size];
            e.Hash.Span[..Math.Min(c.size, 32)].CopyTo(bad);
            chain[c.index - 1] = c.previous ? Copy(e, previousHash: bad) : Copy(e, hash: bad);
            var report = Verify(chain, c.length, head);
            return (report.FirstBrokenSequence == c.index).Label($"expected {c.index}, got {report}");
        });
    }

    [Fact]
    public void An_entry_hashed_under_another_format_version_is_reported()
    {
        var chain = Chain(3);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AuditChain.Encode(chain[1], buffer);
        var encoding = buffer.WrittenSpan.ToArray();
        encoding[0] = 2;
        chain[1] = Copy(chain[1], hash: System.Security.Cryptography.SHA256.HashData(encoding));

        Assert.Equal(2, Verify(chain, 3, chain[^1].Hash).FirstBrokenSequence);
    }

    [Fact]
    public void A_head_hash_of_the_wrong_length_is_reported()
    {
        var chain = Chain(2);
        Assert.Equal(2, Verify(chain, 2, new byte[31]).FirstBrokenSequence);
        Assert.Equal(2, Verify(chain, 2, Array.Empty<byte>()).FirstBrokenSequence);
    }
}
