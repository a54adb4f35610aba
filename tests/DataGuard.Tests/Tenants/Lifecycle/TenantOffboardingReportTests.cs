using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.Subjects;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Tests.Audit;

namespace DataGuard.Tests.Tenants.Lifecycle;

/// <summary>The signed offboarding report: it reads back to the same bytes, verifies with the signer's public certificate
/// only, and every kind of bad input (empty, truncated, a flipped bit, another signer, huge) fails with one
/// <see cref="DataGuardException"/>.</summary>
public sealed class TenantOffboardingReportTests
{
    private static readonly TenantOffboardingReport Report = new()
    {
        Tenant = "acme",
        ContractEndedAt = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero),
        DueAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        StartedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        CompletedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 2, TimeSpan.Zero),
        Rows = TenantRowDisposal.Delete,
        Entities = [new("TenantNote", 1), new("TenantClient", 2)],
        StoreRecords = [new("DataGuardConsentRecords", 3), new("DataGuardKeys", 2)],
        ShreddedKeyEncryptionKeyIds = [7],
        Kept = ["DataGuardKeys: tombstones"],
        Vacuumed = true,
        Scrubbed = true,
        HandoverArchive = new("acme.20261123T085900Z.handover.zip", 4096, new string('a', 64)),
    };

    [Fact]
    public void The_json_form_reads_back_to_the_same_bytes()
    {
        var json = Report.ToJson();

        var read = TenantOffboardingReport.FromJson(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal(("acme", 3L, 7), (read.Tenant, read.TotalRows, Assert.Single(read.ShreddedKeyEncryptionKeyIds)));
        Assert.Equal(Report.HandoverArchive, read.HandoverArchive);
        Assert.Contains("\"format\": \"dataguard-tenant-offboarding-report\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_report_verifies_on_another_instance_with_the_public_certificate_only()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        using var publicPart = X509CertificateLoader.LoadCertificate(signer.RawData);
        var json = Report.ToJson();
        var signature = Report.Sign(signer);

        var verified = TenantOffboardingReport.Verify(json, signature, ExportTrust.SignedBy(publicPart));

        Assert.False(publicPart.HasPrivateKey);
        Assert.Equal(json, verified.ToJson());
    }

    [Fact]
    public void A_report_signed_by_another_certificate_is_refused()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        using var forger = TestCertificates.Ecdsa("CN=forger");
        var json = Report.ToJson();

        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(json, Report.Sign(forger), ExportTrust.SignedBy(signer)));
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(json, Report.Sign(forger), ExportTrust.HashesOnly));
    }

    [Fact]
    public void Every_flipped_bit_of_a_signed_report_fails()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var json = Report.ToJson();
        var signature = Report.Sign(signer);
        var trust = ExportTrust.SignedBy(signer);

        for (var i = 0; i < json.Length; i++)
        {
            var changed = (byte[])json.Clone();
            changed[i] ^= 0x01;
            Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(changed, signature, trust));
        }

        // A CMS container has bytes outside what is signed; a flip there may still verify, but never as other content.
        var refused = 0;
        for (var i = 0; i < signature.Length; i++)
        {
            var changed = (byte[])signature.Clone();
            changed[i] ^= 0x80;
            try
            {
                Assert.Equal(json, TenantOffboardingReport.Verify(json, changed, trust).ToJson());
            }
            catch (DataGuardException)
            {
                refused++;
            }
        }

        Assert.True(refused > signature.Length * 9 / 10, $"only {refused} of {signature.Length} changed signatures were refused");
    }

    [Fact]
    public void A_truncated_report_or_signature_fails()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var json = Report.ToJson();
        var signature = Report.Sign(signer);
        var trust = ExportTrust.SignedBy(signer);

        for (var length = 0; length < json.Length; length += 13)
        {
            Assert.Throws<DataGuardException>(() => TenantOffboardingReport.FromJson(json.AsSpan(0, length)));
            Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(json.AsSpan(0, length), signature, trust));
        }

        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(json, signature.AsSpan(0, signature.Length / 2), trust));
    }

    [Fact]
    public void An_empty_report_or_signature_fails()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var trust = ExportTrust.SignedBy(signer);

        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.FromJson([]));
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify([], Report.Sign(signer), trust));
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(Report.ToJson(), [], trust));
    }

    [Fact]
    public void A_huge_report_or_signature_is_refused_before_it_is_parsed()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var trust = ExportTrust.SignedBy(signer);
        var huge = new byte[TenantOffboardingReport.MaxSize + 1];
        huge.AsSpan().Fill((byte)'[');

        var read = Assert.Throws<DataGuardException>(() => TenantOffboardingReport.FromJson(huge));
        Assert.Contains("larger than", read.Message, StringComparison.Ordinal);
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(huge, Report.Sign(signer), trust));
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.Verify(Report.ToJson(), new byte[1024 * 1024], trust));
        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.FromJson("[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]"u8));
    }

    [Theory]
    [InlineData("\"rows\": \"Delete\"", "\"rows\": \"1\"")]
    [InlineData("\"tenant\": \"acme\"", "\"tenant\": \"ACME\"")]
    [InlineData("\"version\": 1", "\"version\": 2")]
    [InlineData("\"rows\": 2", "\"rows\": -2")]
    [InlineData("\"vacuumed\": true", "\"vacuumed\": \"yes\"")]
    [InlineData("\"sha256\": \"aaaa", "\"sha256\": \"zzzz")]
    [InlineData("\"length\": 4096", "\"length\": -4096")]
    public void A_field_of_the_wrong_kind_is_refused(string field, string replacement)
    {
        var text = Encoding.UTF8.GetString(Report.ToJson());
        var changed = text.Replace(field, replacement, StringComparison.Ordinal);
        Assert.NotEqual(text, changed);

        Assert.Throws<DataGuardException>(() => TenantOffboardingReport.FromJson(Encoding.UTF8.GetBytes(changed)));
    }
}
