using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Audit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Audit;

public sealed class AuditCheckpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] HeadHash = SHA256.HashData("head"u8);
    private static readonly X509Certificate2 Rsa = TestCertificates.Rsa("CN=DataGuard audit test");
    private static readonly X509Certificate2 Ecdsa = TestCertificates.Ecdsa("CN=DataGuard audit test (EC)");
    private static readonly X509Certificate2 Other = TestCertificates.Rsa("CN=Someone else");

    [Theory]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public void A_checkpoint_verifies_offline_against_its_certificate(string kind)
    {
        var certificate = kind == "rsa" ? Rsa : Ecdsa;
        var checkpoint = AuditCheckpoint.Sign(42, HeadHash, Now, certificate);

        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var verified = AuditCheckpoint.Verify(checkpoint.SignedData.Span, publicOnly);

        Assert.Equal(42, verified.Sequence);
        Assert.Equal(HeadHash, verified.Hash.ToArray());
        Assert.Equal(Now, verified.CreatedAt);
    }

    [Property(MaxTest = 300)]
    public Property A_checkpoint_with_any_byte_changed_does_not_verify()
    {
        var signed = AuditCheckpoint.Sign(42, HeadHash, Now, Rsa).SignedData.ToArray();
        var cases = from index in Gen.Choose(0, signed.Length - 1) from delta in Gen.Choose(1, 255) select (index, delta);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var tampered = (byte[])signed.Clone();
            tampered[c.index] ^= (byte)c.delta;
            return ThrowsOrDiffers(tampered);
        });
    }

    [Fact]
    public void A_checkpoint_signed_with_another_certificate_does_not_verify()
    {
        var signed = AuditCheckpoint.Sign(42, HeadHash, Now, Other).SignedData.ToArray();
        var ex = Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify(signed, Rsa));
        Assert.Contains("not signed with certificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_checkpoint_is_rejected() =>
        Assert.Contains("empty", Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify([], Rsa)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_huge_checkpoint_is_rejected_before_parsing() =>
        Assert.Contains("at most",
            Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify(new byte[AuditCheckpoint.MaxSignedSize + 1], Rsa)).Message,
                StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_truncated_checkpoint_is_rejected(int missing)
    {
        var signed = AuditCheckpoint.Sign(42, HeadHash, Now, Rsa).SignedData.ToArray();
        Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify(signed.AsSpan(0, signed.Length - missing), Rsa));
    }

    [Fact]
    public void Bytes_that_are_not_cms_are_rejected() =>
        Assert.Contains("not CMS", Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify("not a checkpoint"u8, Rsa)).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData(2, 49)]
    [InlineData(0, 49)]
    [InlineData(1, 48)]
    [InlineData(1, 50)]
    [InlineData(1, 1)]
    public void Signed_content_of_another_version_or_length_is_rejected(byte version, int length)
    {
        var payload = new byte[length];
        if (length > 0)
        {
            payload[0] = version;
        }

        var cms = new SignedCms(new ContentInfo(payload), detached: false);
        cms.ComputeSignature(new CmsSigner(Rsa) { IncludeOption = X509IncludeOption.EndCertOnly }, silent: true);

        var ex = Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify(cms.Encode(), Rsa));
        Assert.Contains("version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detached_signature_is_rejected()
    {
        var cms = new SignedCms(new ContentInfo(new byte[49]), detached: true);
        cms.ComputeSignature(new CmsSigner(Rsa), silent: true);
        Assert.Throws<DataGuardAuditException>(() => AuditCheckpoint.Verify(cms.Encode(), Rsa));
    }

    [Fact]
    public void Signing_needs_the_private_key()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Rsa.RawData);
        Assert.Throws<InvalidOperationException>(() => AuditCheckpoint.Sign(1, HeadHash, Now, publicOnly));
    }

    private static bool ThrowsOrDiffers(byte[] tampered)
    {
        try
        {
            var verified = AuditCheckpoint.Verify(tampered, Rsa);

            // A change in an unsigned part of the CMS envelope is harmless only if the signed statement is unchanged.
            return verified.Sequence == 42 && verified.Hash.Span.SequenceEqual(HeadHash) && verified.CreatedAt == Now;
        }
        catch (DataGuardAuditException)
        {
            return true;
        }
    }
}
