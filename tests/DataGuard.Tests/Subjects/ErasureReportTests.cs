using System.Text;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Tests.Audit;

namespace DataGuard.Tests.Subjects;

public sealed class ErasureReportTests
{
    private static readonly ErasureReport Report = new()
    {
        SubjectId = (SubjectId)"subject-1",
        StartedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        CompletedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 1, TimeSpan.Zero),
        KeyShredded = true,
        Restricted = true,
        Entities =
        [
            new ErasureEntityReport { Entity = "Order", Action = ErasureAction.Delete, Deleted = 3, Kept = 1,
                Reasons = ["retention minimum (Tax records: 10 years)"] },
            new ErasureEntityReport { Entity = "Customer", Action = ErasureAction.Anonymize, Anonymized = 1 },
        ],
    };

    [Fact]
    public void The_json_form_reads_back_to_the_same_bytes()
    {
        var json = Report.ToJson();

        var read = ErasureReport.FromJson(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal((3L, 1L, 1L), (read.Deleted, read.Anonymized, read.Kept));
        Assert.Contains("\"format\": \"dataguard-erasure-report\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_report_verifies_with_its_certificate_only()
    {
        using var certificate = TestCertificates.Rsa("CN=erasure");
        using var other = TestCertificates.Ecdsa("CN=other");
        var json = Report.ToJson();
        var signature = Report.Sign(certificate);

        Assert.Equal(Report.Kept, ErasureReport.Verify(json, signature, ExportTrust.SignedBy(certificate)).Kept);
        Assert.Throws<DataGuardException>(() => ErasureReport.Verify(json, signature, ExportTrust.SignedBy(other)));
        Assert.Throws<DataGuardException>(() => ErasureReport.Verify(json, signature.AsSpan(0, signature.Length - 1), ExportTrust.SignedBy(certificate)));
        Assert.Throws<DataGuardException>(() => ErasureReport.Verify(json, [], ExportTrust.SignedBy(certificate)));
    }

    [Fact]
    public void A_report_signed_by_anyone_does_not_verify_without_a_named_certificate()
    {
        using var forger = TestCertificates.Rsa("CN=forger");
        var json = Report.ToJson();

        var error = Assert.Throws<DataGuardException>(() => ErasureReport.Verify(json, Report.Sign(forger), ExportTrust.HashesOnly));

        Assert.Equal("Verifying an erasure report needs the certificate it must be signed with (ExportTrust.SignedBy).", error.Message);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("7")]
    [InlineData("1")]
    [InlineData("delete")]
    [InlineData("")]
    public void An_action_that_is_not_an_erasure_action_by_name_is_refused(string action)
    {
        var text = Encoding.UTF8.GetString(Report.ToJson());
        var first = Report.Entities[0].Action.ToString();
        var changed = text.Replace($"\"action\": \"{first}\"", $"\"action\": \"{action}\"", StringComparison.Ordinal)
            .Replace($"\"action\":\"{first}\"", $"\"action\":\"{action}\"", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);

        Assert.Throws<DataGuardException>(() => ErasureReport.FromJson(Encoding.UTF8.GetBytes(changed)));
    }

    [Fact]
    public void Every_changed_byte_of_a_signed_report_fails()
    {
        using var certificate = TestCertificates.Ecdsa("CN=erasure");
        var json = Report.ToJson();
        var signature = Report.Sign(certificate);
        for (var i = 0; i < json.Length; i += 7)
        {
            var changed = (byte[])json.Clone();
            changed[i] ^= 0x20;
            Assert.Throws<DataGuardException>(() => ErasureReport.Verify(changed, signature, ExportTrust.SignedBy(certificate)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"format\": \"dataguard-erasure-report\", \"version\": 2}")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}")]
    [InlineData("{\"format\": \"dataguard-erasure-report\", \"version\": 1}")]
    [InlineData("[1,2,3]")]
    public void Bad_json_is_refused_with_a_clear_exception(string text)
        => Assert.Throws<DataGuardException>(() => ErasureReport.FromJson(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_too_large_signature_is_refused()
    {
        using var certificate = TestCertificates.Ecdsa("CN=erasure");
        Assert.Throws<DataGuardException>(() => ErasureReport.Verify(Report.ToJson(), new byte[70_000], ExportTrust.SignedBy(certificate)));
    }
}
