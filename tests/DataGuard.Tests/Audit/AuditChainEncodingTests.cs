using System.Buffers;
using DataGuard.Audit;

namespace DataGuard.Tests.Audit;

public sealed class AuditChainEncodingTests
{
    private static AuditEntry Entry(string? actor, IReadOnlyList<string>? properties) =>
        new AuditRecord(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), "entity.updated", actor, "s-1", "Customer", "42", properties,
            null, null, null)
            .Seal(7, AuditChain.GenesisHash);

    [Fact]
    public void The_encoding_is_version_1_with_length_prefixed_utf8_fields_in_fixed_order()
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditChain.Encode(Entry("ana", ["Email"]), buffer);

        var expected = new List<byte> { 1 };
        void Text(string? value)
        {
            if (value is null)
            {
                expected.AddRange([0xFF, 0xFF, 0xFF, 0xFF]);
                return;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            expected.AddRange([0, 0, (byte)(bytes.Length >> 8), (byte)bytes.Length]);
            expected.AddRange(bytes);
        }

        Text("7");
        Text("2026-01-02T03:04:05.123456Z");
        Text("entity.updated");
        Text("ana");
        Text("s-1");
        Text("Customer");
        Text("42");
        Text("1");
        Text("Email");
        Text(null);
        Text(null);
        Text(null);
        expected.AddRange([0, 0, 0, 32]);
        expected.AddRange(new byte[32]);
        Assert.Equal(expected.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void An_entry_with_masked_values_is_version_2_with_the_changes_before_the_previous_hash()
    {
        var record = new AuditRecord(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "entity.updated", null, null, null, null, null, null, null, null,
            [new AuditValueChange("Email", null, "a***@x.org")]);
        var buffer = new ArrayBufferWriter<byte>();
        AuditChain.Encode(record.Seal(1, AuditChain.GenesisHash), buffer);
        var withoutChanges = new ArrayBufferWriter<byte>();
        AuditChain.Encode((record with { Changes = null }).Seal(1, AuditChain.GenesisHash), withoutChanges);

        byte[] Text(string? value) => value is null ? [0xFF, 0xFF, 0xFF, 0xFF] : [0, 0, 0, (byte)value.Length, .. System.Text.Encoding.UTF8.GetBytes(value)];
        var v1 = withoutChanges.WrittenSpan.ToArray();
        byte[] expected = [2, .. v1.AsSpan(1, v1.Length - 37), .. Text("1"), .. Text("Email"), .. Text(null), .. Text("a***@x.org"),
            .. v1.AsSpan(v1.Length - 36)];
        Assert.Equal(1, v1[0]);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Masked_values_are_covered_by_the_hash()
    {
        AuditEntry Sealed(params AuditValueChange[]? changes) =>
            new AuditRecord(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "entity.updated", null, null, null, null, null, null, null, null,
                changes).Seal(1, AuditChain.GenesisHash);
        var hashes = new[]
        {
            Sealed(null), Sealed(new AuditValueChange("Email", "a", "b")), Sealed(new AuditValueChange("Email", "b", "a")),
            Sealed(new AuditValueChange("Email", null, "ab")), Sealed(new AuditValueChange("Email", "ab", null)),
                Sealed(new AuditValueChange("Email", "", "ab")),
            Sealed(new AuditValueChange("Email", "a", "b"), new AuditValueChange("Name", "c", "d")),
        }.Select(e => Convert.ToHexString(e.Hash.Span)).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());

        // No list and an empty list are the same entry: the version-1 encoding.
        Assert.Equal(hashes[0], Convert.ToHexString(Sealed([]).Hash.Span));
    }

    [Fact]
    public void The_hash_of_a_known_entry_is_stable()
    {
        // Pins the stored format (computed independently from the documented layout): a change here breaks every
        // existing chain and needs a new format version.
        Assert.Equal(KnownHash, Convert.ToHexStringLower(Entry("ana", ["Email"]).Hash.Span));
    }

    [Fact]
    public void Null_and_empty_fields_hash_differently()
    {
        Assert.NotEqual(Entry(null, null).Hash.ToArray(), Entry("", null).Hash.ToArray());
        Assert.NotEqual(Entry(null, null).Hash.ToArray(), Entry(null, []).Hash.ToArray());
    }

    [Fact]
    public void Moving_text_between_fields_changes_the_hash()
    {
        Assert.NotEqual(Entry("ab", ["c"]).Hash.ToArray(), Entry("a", ["bc"]).Hash.ToArray());
    }

    [Fact]
    public void Timestamps_are_truncated_to_microseconds_in_utc()
    {
        var local = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);
        var truncated = AuditChain.Truncate(local);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560), truncated);
    }

    private const string KnownHash = "3505ccf10e80178c0b7f78030e14d0f19868c71b2bf89123cf28cc6125d5fc60";
}
