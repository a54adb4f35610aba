using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Tests.Audit;
using DataGuard.Tests.Subjects;

namespace DataGuard.Tests.Tenants.Lifecycle;

/// <summary>The tenant handover archive: it verifies with the signer's public certificate only, its packages open with
/// any ZIP tool, and every kind of bad input (empty, truncated, a flipped bit, another signer, huge, a package added,
/// another subject's package) fails with one <see cref="DataGuardException"/> that names no content.</summary>
public sealed class TenantHandoverArchiveTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_signed_archive_verifies_with_the_public_certificate_only_and_its_packages_open_with_a_zip_tool()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        using var publicPart = X509CertificateLoader.LoadCertificate(signer.RawData);
        var bytes = await WriteAsync(signer, "ana", "ben");

        var archive = await TenantHandoverArchive.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(publicPart));

        Assert.Equal(("acme", CreatedAt), (archive.Tenant, archive.CreatedAt));
        Assert.Equal(["ana", "ben"], archive.Packages.Select(p => p.Subject.Value));
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        await using var second = zip.GetEntry(archive.Packages[1].Path)!.Open();
        var package = await SubjectExportPackage.ReadAsync(second);
        Assert.Equal("ben", package.Manifest.Subject.Value);
        Assert.Equal("ben@acme.example", Assert.Single(package.ReadRows("Customer")).GetProperty("Email").GetString());
    }

    [Fact]
    public async Task An_archive_signed_by_another_certificate_or_verified_without_one_is_refused()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        using var forger = TestCertificates.Ecdsa("CN=forger");
        var forged = await WriteAsync(forger, "ana");

        var refused = await Assert.ThrowsAsync<DataGuardException>(
            () => TenantHandoverArchive.VerifyAsync(new MemoryStream(forged), ExportTrust.SignedBy(signer)));
        Assert.Contains("certificate the trust does not accept", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DataGuardException>(() => TenantHandoverArchive.VerifyAsync(new MemoryStream(forged), ExportTrust.HashesOnly));
    }

    [Fact]
    public async Task A_flipped_bit_anywhere_in_an_archive_fails_and_no_message_names_a_personal_value()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var bytes = await WriteAsync(signer, "ana");
        var trust = ExportTrust.SignedBy(signer);

        // Every third byte (every byte takes half a minute): headers, package, manifest, signature and directory alike.
        for (var i = 0; i < bytes.Length; i += 3)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            var refused = await Assert.ThrowsAsync<DataGuardException>(() => TenantHandoverArchive.VerifyAsync(new MemoryStream(changed), trust));
            Assert.DoesNotContain("@acme.example", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_truncated_or_empty_archive_fails()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var bytes = await WriteAsync(signer, "ana");
        var trust = ExportTrust.SignedBy(signer);

        for (var length = 0; length < bytes.Length; length += 37)
        {
            await Assert.ThrowsAsync<DataGuardException>(() => TenantHandoverArchive.VerifyAsync(new MemoryStream(bytes, 0, length), trust));
        }

        var empty = await Assert.ThrowsAsync<DataGuardException>(() => TenantHandoverArchive.VerifyAsync(new MemoryStream(), trust));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_archive_is_refused_before_it_is_read()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var bytes = await WriteAsync(signer, "ana");
        var limits = new ExportPackageLimits { MaxPackageBytes = bytes.Length - 1 };

        var refused = await Assert.ThrowsAsync<DataGuardException>(
            () => TenantHandoverArchive.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(signer), limits));
        var streamed = await Assert.ThrowsAsync<DataGuardException>(
            () => TenantHandoverArchive.VerifyAsync(new Unseekable(bytes), ExportTrust.SignedBy(signer), limits));

        Assert.Contains("at most", refused.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_added_to_a_signed_archive_is_found()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var files = await TestPackages.FilesAsync(await WriteAsync(signer, "ana"));
        files.Insert(1, ("subjects/000002.zip", await PackageAsync(signer, "mallory")));
        var rebuilt = await TestPackages.BuildAsync(files);

        var refused = await Assert.ThrowsAsync<DataGuardException>(
            () => TenantHandoverArchive.VerifyAsync(new MemoryStream(rebuilt), ExportTrust.SignedBy(signer)));

        Assert.Contains("subjects/000002.zip is in the archive but not in its manifest", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_of_another_subject_than_the_manifest_lists_is_found_even_under_a_valid_signature()
    {
        using var signer = TestCertificates.Rsa("CN=offboarding");
        var files = await TestPackages.FilesAsync(await WriteAsync(signer, "ana"));
        var manifest = TestPackages.Replace(files.Single(f => f.Name == TenantHandoverArchive.ManifestPath).Content, "\"ana\"", "\"ben\"");
        files = [.. files.Select(f => f.Name switch
        {
            TenantHandoverArchive.ManifestPath => (f.Name, manifest),
            TenantHandoverArchive.SignaturePath => (f.Name, DetachedSignature.Sign(manifest, signer)),
            _ => f,
        })];
        var rebuilt = await TestPackages.BuildAsync(files);

        var refused = await Assert.ThrowsAsync<DataGuardException>(
            () => TenantHandoverArchive.VerifyAsync(new MemoryStream(rebuilt), ExportTrust.SignedBy(signer)));

        Assert.Contains("subjects/000001.zip: The package is another subject's", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>An archive of tenant acme with one package per subject, written by the library's writers.</summary>
    private static async Task<byte[]> WriteAsync(X509Certificate2 signer, params string[] subjects)
    {
        using var buffer = new MemoryStream();
        await using (var archive = new TenantHandoverWriter(buffer, "acme", CreatedAt))
        {
            foreach (var subject in subjects)
            {
                var entry = await archive.BeginPackageAsync(new SubjectId(subject), CancellationToken.None);
                await WritePackageAsync(entry, signer, subject);
                await archive.EndPackageAsync(CancellationToken.None);
            }

            await archive.CompleteAsync(signer, CancellationToken.None);
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> PackageAsync(X509Certificate2 signer, string subject)
    {
        using var buffer = new MemoryStream();
        await WritePackageAsync(buffer, signer, subject);
        return buffer.ToArray();
    }

    private static async Task WritePackageAsync(Stream destination, X509Certificate2 signer, string subject)
    {
        object?[][] rows = [[1, $"{subject}@acme.example", "a note"]];
        await using var writer = new SubjectExportWriter(destination, new SubjectId(subject), CreatedAt, "schema", signer);
        await writer.WriteEntityAsync("Customer", TestPackages.Columns, () => rows.ToAsyncEnumerable(), 10, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
    }

    /// <summary>A stream that cannot seek, as a network download is.</summary>
    private sealed class Unseekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
