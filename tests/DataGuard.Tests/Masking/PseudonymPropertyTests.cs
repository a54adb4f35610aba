using DataGuard.Masking;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Masking;

public sealed class PseudonymPropertyTests
{
    private static string Pseudonym(string value, IPseudonymKeyProvider keys, int length = 16) => new PseudonymMasker(keys, length).Mask(value)!;

    [Property(MaxTest = 300)]
    public Property Pseudonyms_are_equal_for_equal_input_and_key() =>
        Prop.ForAll(MaskGenerators.Text(), elements =>
        {
            var value = string.Concat(elements);
            return Pseudonym(value, TestMasking.Keys("a", 5)) == Pseudonym(new string(value.AsSpan()), TestMasking.Keys("a", 5));
        });

    [Property(MaxTest = 300)]
    public Property Pseudonyms_differ_across_keys_even_with_the_same_key_id() =>
        Prop.ForAll(MaskGenerators.Text(), elements =>
        {
            var value = string.Concat(elements);
            return Pseudonym(value, TestMasking.Keys("a", 5)) != Pseudonym(value, TestMasking.Keys("a", 6));
        });

    [Property(MaxTest = 300)]
    public Property Pseudonyms_differ_for_different_inputs_under_one_key() =>
        Prop.ForAll(MaskGenerators.Text(), MaskGenerators.Text(), (a, b) =>
        {
            var (x, y) = (string.Concat(a), string.Concat(b));
            return x == y || Pseudonym(x, TestMasking.Keys()) != Pseudonym(y, TestMasking.Keys());
        });

    [Fact]
    public void A_rotated_key_is_visible_in_the_prefix()
    {
        Assert.StartsWith("2026a:", Pseudonym("ana@example.com", TestMasking.Keys("2026a")), StringComparison.Ordinal);
        Assert.StartsWith("2026b:", Pseudonym("ana@example.com", TestMasking.Keys("2026b", 9)), StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonyms_do_not_collide_over_100k_random_inputs_at_the_default_length()
    {
        var inputs = RandomInputs(100_000);
        var keys = TestMasking.Keys();

        Assert.Equal(inputs.Count, inputs.Select(i => Pseudonym(i, keys)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Truncated_pseudonyms_collide_no_more_than_chance_over_100k_random_inputs()
    {
        // 4 base64url characters carry 24 bits; n inputs give about n(n-1)/2 / 2^24 colliding pairs (birthday bound).
        var inputs = RandomInputs(100_000);
        var keys = TestMasking.Keys();
        var counts = inputs.Select(i => Pseudonym(i, keys, length: 4)).GroupBy(p => p, StringComparer.Ordinal).Select(g => (long)g.Count());
        var pairs = counts.Sum(c => c * (c - 1) / 2);

        var expected = inputs.Count * (inputs.Count - 1.0) / 2 / (1 << 24);
        Assert.InRange(pairs, expected - (6 * Math.Sqrt(expected)), expected + (6 * Math.Sqrt(expected)));
    }

    [Fact]
    public void Concurrent_callers_get_the_same_pseudonyms_as_a_single_caller()
    {
        var keys = TestMasking.Keys();
        var inputs = RandomInputs(2_000).ToArray();
        var sequential = inputs.Select(i => Pseudonym(i, keys)).ToArray();
        var parallel = new string[inputs.Length];

        Parallel.For(0, inputs.Length, i => parallel[i] = Pseudonym(inputs[i], keys));

        Assert.Equal(sequential, parallel);
    }

    private static HashSet<string> RandomInputs(int count)
    {
        var random = new Random(20261123);
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[24];
        while (inputs.Count < count)
        {
            var length = random.Next(1, buffer.Length);
            for (var i = 0; i < length; i++)
            {
                buffer[i] = (char)random.Next(0x20, 0x7F);
            }

            inputs.Add(new string(buffer[..length]));
        }

        return inputs;
    }
}
