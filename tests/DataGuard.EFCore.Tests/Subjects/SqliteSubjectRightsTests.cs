using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteSubjectRightsTests : SubjectRightsScenarios, IDisposable
{
    private readonly TempDirectory _folder = new();

    internal override Task<SubjectsHost> HostAsync(Action<DataGuardOptions>? configure = null) => SubjectsHost.SqliteAsync(_folder, configure);

    [Fact]
    public async Task After_erasure_with_vacuum_the_database_file_holds_none_of_the_subjects_clear_values()
    {
        await using var host = await HostAsync(o => o.SubjectRights.VacuumSqliteAfterErasure = true);
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        var bea = SubjectData.Create("bea", category, SubjectsHost.Now.UtcDateTime, recent: false);
        await host.AddAsync([category, .. ana.Entities, .. bea.Entities]);
        await host.WithContextAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
        Assert.All(SubjectData.ClearValues("ana"), v => Assert.True(FileContains(v), "the test data must be in the file before erasure"));

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.True(report.Vacuumed);
        Assert.All(SubjectData.ClearValues("ana").Where(v => v != "review-ana"),
            v => Assert.False(FileContains(v), "an erased value is still in the database file"));
        Assert.False(FileContains("review-ana")); // anonymised, and the old row version is gone too
        Assert.True(FileContains("nick-bea"));
    }

    [Fact]
    public async Task Export_streams_to_a_non_seekable_destination()
    {
        await using var host = await HostAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities]);
        var sink = new MemoryStream();

        await host.Subjects.ExportAsync(ana.Shopper.Id, new ForwardOnlyStream(sink));

        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(sink.ToArray()));
        Assert.Equal(2, package.ReadRows("Purchase").Count);
    }

    [Fact]
    public async Task A_signed_export_verifies_with_its_certificate_and_fails_with_another()
    {
        using var certificate = Certificate("CN=DataGuard exports");
        using var other = Certificate("CN=Someone else");
        await using var host = await HostAsync(o => o.SubjectRights.SigningCertificate = certificate);
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities]);

        var bytes = await host.ExportBytesAsync(ana.Shopper.Id);

        var good = await host.Subjects.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(certificate));
        Assert.True(good.IsValid, string.Join(" ", good.Problems));
        Assert.Equal(certificate.Thumbprint, good.SignerThumbprint);
        var wrong = await host.Subjects.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(other));
        Assert.Contains(wrong.Problems, p => p.Contains("certificate the trust does not accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_erasure_report_is_signed_as_a_certificate_of_erasure()
    {
        using var certificate = Certificate("CN=DataGuard erasure");
        await using var host = await HostAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities]);
        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        var json = report.ToJson();
        var signature = report.Sign(certificate);

        var verified = ErasureReport.Verify(json, signature, ExportTrust.SignedBy(certificate));
        Assert.Equal(json, verified.ToJson());
        Assert.Equal(report.Kept, verified.Kept);
        json[json.Length / 2] ^= 0x01;
        Assert.Throws<DataGuardException>(() => ErasureReport.Verify(json, signature, ExportTrust.SignedBy(certificate)));
    }

    [Fact]
    public async Task Shredding_needs_subject_keys_and_falls_back_to_anonymising_without_them()
    {
        await using var host = await SubjectsHost.StartAsync(o => o.UseSqlite($"Data Source={_folder.File("shred.db")}"), shredReviews: true);
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        await host.AddAsync([category, .. ana.Entities]);

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        var review = report.Entities.Single(e => e.Entity == "Review");
        Assert.Equal((ErasureAction.Anonymize, 1L), (review.Action, review.Anonymized));
        Assert.Contains("subject keys are off", Assert.Single(review.Reasons), StringComparison.Ordinal);
        Assert.False(report.KeyShredded);
    }

    public void Dispose() => _folder.Dispose();

    private bool FileContains(string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        return new[] { "subjects.db", "subjects.db-wal" }
            .Select(_folder.File)
            .Where(File.Exists)
            .Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0);
    }

    internal static X509Certificate2 Certificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A destination that cannot seek or report its length, like a response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new NotSupportedException("synchronous I/O");
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous I/O");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            => inner.WriteAsync(buffer, cancellationToken);
    }
}
