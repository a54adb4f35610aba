using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.Subjects;
using DataGuard.Tests.Audit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Subjects;

public sealed class ExportPackageTests
{
    [Fact]
    public async Task A_package_reads_back_its_rows_from_json_and_csv()
    {
        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(await TestPackages.SampleAsync()));

        Assert.Equal(new SubjectId("subject-1"), package.Manifest.Subject);
        Assert.Equal(3, Assert.Single(package.Manifest.Entities).Rows);
        var rows = package.ReadRows("Customer");
        Assert.Equal("says \"hi\", twice\r\nnew line", rows[0].GetProperty("Note").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[1].GetProperty("Note").ValueKind);
        Assert.Equal(2, rows[1].GetProperty("Id").GetInt32());
        var csv = package.ReadCsv("Customer");
        Assert.Equal(["Id", "Email", "Note"], csv[0]);
        Assert.Equal(["1", "ana@example.com", "says \"hi\", twice\r\nnew line"], csv[1]);
        Assert.Equal(["3", "çé@例え.jp", ""], csv[3]);
        Assert.Equal(["consents.json", "data/Customer.csv", "data/Customer.json", "manifest.json"], package.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Csv_is_rfc_4180_with_crlf_and_doubled_quotes_in_utf8_without_bom()
    {
        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(await TestPackages.SampleAsync()));

        var text = package.ReadFile("data/Customer.csv").ToArray();
        Assert.NotEqual(0xEF, text[0]);
        Assert.StartsWith("Id,Email,Note\r\n1,ana@example.com,\"says \"\"hi\"\", twice\r\nnew line\"\r\n2,bea@example.com,\r\n", Encoding.UTF8.GetString(text),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intact_package_verifies_and_lists_the_hash_of_every_file()
    {
        var bytes = await TestPackages.SampleAsync();

        var result = await TestPackages.VerifyAsync(bytes);

        Assert.True(result.IsValid, string.Join(" ", result.Problems));
        Assert.False(result.IsSigned);
        var files = await TestPackages.FilesAsync(bytes);
        Assert.All(result.Manifest!.Files, f => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files.Single(x => x.Name == f.Path).Content)), f.Sha256));
    }

    [Fact]
    public async Task Flipping_any_bit_of_the_package_fails_verification()
    {
        var bytes = await TestPackages.SampleAsync();
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.False((await TestPackages.VerifyAsync(changed)).IsValid, $"flipping a bit at {i} of {bytes.Length} went unnoticed");
        }
    }

    [Property(MaxTest = 300)]
    public Property Changing_any_byte_to_any_other_value_fails_verification()
    {
        var bytes = TestPackages.SampleAsync().GetAwaiter().GetResult();
        var changes = from position in Gen.Choose(0, bytes.Length - 1)
                      from delta in Gen.Choose(1, 255)
                      select (position, (byte)delta);
        return Prop.ForAll(Arb.From(changes), change =>
        {
            var changed = (byte[])bytes.Clone();
            changed[change.position] ^= change.Item2;
            return !TestPackages.VerifyAsync(changed).GetAwaiter().GetResult().IsValid;
        });
    }

    [Fact]
    public async Task Every_truncation_fails_verification()
    {
        var bytes = await TestPackages.SampleAsync();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False((await TestPackages.VerifyAsync(bytes[..length])).IsValid, $"a package cut to {length} bytes verified");
        }
    }

    [Fact]
    public async Task Empty_input_and_other_files_are_not_packages()
    {
        Assert.Contains("empty", Assert.Single((await TestPackages.VerifyAsync([])).Problems), StringComparison.Ordinal);
        Assert.False((await TestPackages.VerifyAsync(Encoding.UTF8.GetBytes("{\"format\": \"dataguard-subject-export\"}"))).IsValid);
        Assert.False((await TestPackages.VerifyAsync(RandomNumberGenerator.GetBytes(4096))).IsValid);
        await Assert.ThrowsAsync<SubjectExportException>(() => SubjectExportPackage.ReadAsync(new MemoryStream([])));
    }

    [Fact]
    public async Task The_same_files_zipped_by_another_tool_are_rejected()
    {
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync());
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(content);
            }
        }

        var result = await TestPackages.VerifyAsync(buffer.ToArray());

        Assert.Contains("layout", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_with_recomputed_zip_checksums_fails_on_its_sha256()
    {
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync());
        var forged = files.Select(f => f.Name == "data/Customer.json" ? (f.Name, TestPackages.Replace(f.Content, "ana@", "eve@")) : f);

        var result = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(forged));

        Assert.Equal(["data/Customer.json does not match its SHA-256 in the manifest: it was changed."], result.Problems);
    }

    [Fact]
    public async Task An_added_file_and_a_removed_file_are_found()
    {
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync());
        var forged = files.Where(f => f.Name != "data/Customer.csv").Prepend(("data/Extra.json", "[]"u8.ToArray()));

        var result = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(forged));

        Assert.Contains("data/Customer.csv is listed in the manifest but missing from the package.", result.Problems);
        Assert.Contains("data/Extra.json is in the package but not in the manifest: it was added.", result.Problems);
    }

    [Fact]
    public async Task A_package_without_a_manifest_or_of_another_version_is_refused()
    {
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync());

        var noManifest = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(files.Where(f => f.Name != "manifest.json")));
        var version2 = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(files.Select(f => f.Name == "manifest.json" ? (f.Name,
            TestPackages.Replace(f.Content, "\"version\": 1", "\"version\": 2")) : f)));
        var notJson = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(files.Select(f => f.Name == "manifest.json" ? (f.Name,
            "not json"u8.ToArray()) : f)));

        Assert.Equal(["The package has no manifest.json."], noManifest.Problems);
        Assert.Equal(["The package has format version 2; this DataGuard reads version 1."], version2.Problems);
        Assert.Contains("not a valid manifest", Assert.Single(notJson.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_on_size_file_count_and_file_size_are_enforced_before_reading()
    {
        var bytes = await TestPackages.SampleAsync();

        Assert.Contains("at most 100 are accepted",
            Assert.Single((await TestPackages.VerifyAsync(bytes, limits: new ExportPackageLimits { MaxPackageBytes = 100 })).Problems),
                StringComparison.Ordinal);
        Assert.Contains("at most 2 are accepted",
            Assert.Single((await TestPackages.VerifyAsync(bytes, limits: new ExportPackageLimits { MaxFiles = 2 })).Problems), StringComparison.Ordinal);
        Assert.Contains("at most 10 are accepted",
            Assert.Single((await TestPackages.VerifyAsync(bytes, limits: new ExportPackageLimits { MaxFileBytes = 10 })).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_entry_count_in_the_end_record_is_refused_without_allocating()
    {
        var bytes = await TestPackages.SampleAsync();
        bytes[^14] = 0xFF; // entries on this disk
        bytes[^13] = 0xFF;
        bytes[^12] = 0xFF; // total entries
        bytes[^11] = 0xFF;

        var result = await TestPackages.VerifyAsync(bytes);

        Assert.Contains("lists 65535 files", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_seekable_source_is_read_within_the_size_limit()
    {
        var bytes = await TestPackages.SampleAsync();

        var ok = await SubjectExportPackage.VerifyAsync(new NonSeekable(bytes), ExportTrust.HashesOnly);
        var tooBig = await SubjectExportPackage.VerifyAsync(new NonSeekable(bytes), ExportTrust.HashesOnly, new ExportPackageLimits { MaxPackageBytes = 64 });

        Assert.True(ok.IsValid);
        Assert.Contains("exceeds 64 bytes", Assert.Single(tooBig.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_package_verifies_only_against_its_certificate()
    {
        using var certificate = TestCertificates.Ecdsa("CN=exports");
        using var other = TestCertificates.Rsa("CN=other");
        var bytes = await TestPackages.SampleAsync(certificate);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);

        var good = await TestPackages.VerifyAsync(bytes, ExportTrust.SignedBy(publicOnly));
        var wrong = await TestPackages.VerifyAsync(bytes, ExportTrust.SignedBy(other));
        var unsigned = await TestPackages.VerifyAsync(await TestPackages.SampleAsync(), ExportTrust.SignedBy(publicOnly));

        Assert.True(good.IsValid, string.Join(" ", good.Problems));
        Assert.Equal((true, certificate.Thumbprint), (good.IsSigned, good.SignerThumbprint));
        Assert.Equal(["manifest.json is signed with a certificate the trust does not accept."], wrong.Problems);
        Assert.Equal(["The package is not signed (no manifest.p7s), but the trust requires a signature."], unsigned.Problems);

        // Checked for hashes only, a signature proves nothing about who made it: the package is not reported as signed.
        var hashesOnly = await TestPackages.VerifyAsync(bytes, ExportTrust.HashesOnly);
        Assert.True(hashesOnly.IsValid, string.Join(" ", hashesOnly.Problems));
        Assert.Equal((false, (string?)null), (hashesOnly.IsSigned, hashesOnly.SignerThumbprint));
    }

    [Fact]
    public async Task A_forger_who_rewrites_the_manifest_breaks_the_signature()
    {
        using var certificate = TestCertificates.Ecdsa("CN=exports");
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync(certificate));
        var json = TestPackages.Replace(files.Single(f => f.Name == "data/Customer.json").Content, "ana@", "eve@");
        var manifest = TestPackages.Replace(
            files.Single(f => f.Name == "manifest.json").Content,
            Convert.ToHexStringLower(SHA256.HashData(files.Single(f => f.Name == "data/Customer.json").Content)),
            Convert.ToHexStringLower(SHA256.HashData(json)));
        var forged = files.Select(f => f.Name == "data/Customer.json" ? (f.Name, json) : f.Name == "manifest.json" ? (f.Name, manifest) : f);

        var result = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(forged), ExportTrust.SignedBy(certificate));

        Assert.Contains("does not verify", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsafe_or_repeated_file_names_are_refused()
    {
        var files = await TestPackages.FilesAsync(await TestPackages.SampleAsync());

        var traversal = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(files.Append(("../evil", [1]))));
        var repeated = await TestPackages.VerifyAsync(await TestPackages.BuildAsync(files.Append(files[0])));

        Assert.Contains("unsafe or repeated", Assert.Single(traversal.Problems), StringComparison.Ordinal);
        Assert.Contains("unsafe or repeated", Assert.Single(repeated.Problems), StringComparison.Ordinal);
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
