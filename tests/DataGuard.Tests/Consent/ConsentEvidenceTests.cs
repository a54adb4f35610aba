using System.Security.Cryptography;
using System.Text;
using DataGuard.Consent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Consent;

public sealed class ConsentEvidenceTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Hash_is_hmac_sha256_of_the_utf8_value_in_lower_case_hex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("203.0.113.7")));
        Assert.Equal("hmac-sha256:" + expected, ConsentEvidence.Hash("203.0.113.7", Key));
    }

    [Fact]
    public void Hash_rejects_short_keys() =>
        Assert.Throws<ArgumentException>(() => ConsentEvidence.Hash("203.0.113.7", new byte[15]));

    [Property]
    public Property Hash_never_contains_the_value_and_depends_on_the_key(NonEmptyString value)
    {
        var other = (byte[])Key.Clone();
        other[0] ^= 0xFF;
        var hash = ConsentEvidence.Hash(value.Get, Key);
        return (hash.Length == 12 + 64
                && hash == ConsentEvidence.Hash(value.Get, Key)
                && hash != ConsentEvidence.Hash(value.Get, other)
                && (value.Get.Length < 4 || !hash.Contains(value.Get, StringComparison.Ordinal))).ToProperty();
    }

    [Fact]
    public void Long_values_hash_like_short_ones()
    {
        var value = new string('é', 1000);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
        Assert.Equal("hmac-sha256:" + expected, ConsentEvidence.Hash(value, Key));
    }
}
