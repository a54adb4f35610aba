using System.Buffers;
using DataGuard.Audit;

namespace DataGuard.Tests.Audit;

public sealed class AuditChainEncodingTests
{
    private static AuditEntry Entry(string? actor, IReadOnlyList<string>? properties) =>
        new AuditRecord(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), "entity.updated", actor, "s-1", "Customer", "42", properties, null, null, null)
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
