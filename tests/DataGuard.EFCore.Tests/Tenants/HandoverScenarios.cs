using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Tenants.Lifecycle;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>
/// The handover archive of offboarding: written and verified before anything is destroyed, it holds the tenant's
/// personal values decrypted (and nothing of another tenant, though a subject id is the same in both), verifies with the
/// public certificate only, and the signed report records its SHA-256. When it cannot be written, nothing is changed and
/// no partial archive stays. The dry run says it will be written and writes nothing. Run on every database.
/// </summary>
public abstract class HandoverScenarios : IDisposable
{
    private readonly X509Certificate2 _certificate = NewCertificate();
    private readonly TempDirectory _handover = new();

    internal abstract Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        _certificate.Dispose();
        _handover.Dispose();
    }

    internal X509Certificate2 Certificate => _certificate;

    [StoreFact]
    public async Task Offboarding_writes_a_verified_archive_of_the_tenants_decrypted_data_and_the_report_records_its_digest()
    {
        await using var host = await HostAsync(o => o.HandoverArchiveDirectory = _handover.Path);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);

        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var result = await host.Lifecycle.OffboardAsync(plan);

        var file = Assert.Single(Directory.GetFiles(_handover.Path));
        var bytes = await File.ReadAllBytesAsync(file);
        var archive = await TenantHandoverArchive.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(PublicPart()));
        Assert.True(plan.WritesHandoverArchive);
        Assert.Equal("acme", archive.Tenant);
        Assert.Equal([OffboardingHost.Ana.ToString(), OffboardingHost.Ben.ToString()], archive.Packages.Select(p => p.Subject.Value));
        Assert.All(OffboardingHost.AcmePlaintexts, v => Assert.True(Contains(bytes, v), "a value of acme is missing from its archive"));
        var report = TenantOffboardingReport.Verify(result.Json, result.Signature, ExportTrust.SignedBy(PublicPart()));
        Assert.Equal(new ExportFile(Path.GetFileName(file), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), report.HandoverArchive);
        Assert.Empty(await host.EmailsOfAsync("acme"));
    }

    [StoreFact]
    public async Task The_archive_of_a_tenant_holds_nothing_of_another_tenant_with_the_same_subject_id()
    {
        await using var host = await HostAsync(o => o.HandoverArchiveDirectory = _handover.Path);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);

        await host.Lifecycle.OffboardAsync(await host.Lifecycle.PlanOffboardingAsync("acme"));

        var bytes = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(_handover.Path)));
        Assert.False(Contains(bytes, "globex"), "the archive of acme holds something of globex");
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var archive = await TenantHandoverArchive.VerifyAsync(new MemoryStream(bytes), ExportTrust.SignedBy(PublicPart()));
        await using var ana = zip.GetEntry(archive.Packages.Single(p => p.Subject.Value == OffboardingHost.Ana.ToString()).Path)!.Open();
        var package = await SubjectExportPackage.ReadAsync(ana);
        Assert.Equal(OffboardingHost.AcmePlaintexts[0], Assert.Single(package.ReadRows(nameof(TenantClient))).GetProperty("Email").GetString());
        Assert.Equal(OffboardingHost.AcmePlaintexts[4], Assert.Single(package.ReadRows(nameof(TenantNote))).GetProperty("Text").GetString());
        Assert.Equal(["gina@globex.example"], await host.EmailsOfAsync("globex"));
    }

    [StoreFact]
    public async Task When_the_archive_cannot_be_written_offboarding_changes_nothing_and_keeps_no_partial_archive()
    {
        await using var host = await HostAsync(o => o.HandoverArchiveDirectory = _handover.Path);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        // A damaged value of Ben's: the export cannot decrypt it, after Ana's package was written.
        await host.TextsAsync("UPDATE \"Clients\" SET \"Name\" = 'AQ' || \"Name\" WHERE \"TenantId\" = 'acme' AND \"Email\" <> '' AND \"Id\" = " +
            "(SELECT MAX(\"Id\") FROM \"Clients\" WHERE \"TenantId\" = 'acme')");
        var before = await host.SnapshotAsync();

        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var failed = await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(plan));

        Assert.Contains("nothing was deleted or shredded", failed.Message, StringComparison.Ordinal);
        Assert.IsType<DataGuard.Encryption.DataGuardCryptoException>(failed.InnerException);
        Assert.All(OffboardingHost.AcmePlaintexts, v => Assert.DoesNotContain(v, failed.ToString(), StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_handover.Path));
        Assert.Equal(before, await host.SnapshotAsync());
        Assert.Equal(OffboardingHost.AcmePlaintexts[0], (await host.EmailsOfAsync("acme"))[0]);
    }

    [StoreFact]
    public async Task The_dry_run_says_an_archive_will_be_written_and_writes_none_and_a_missing_directory_blocks()
    {
        var missing = Path.Combine(_handover.Path, "not-there");
        await using var host = await HostAsync(o => o.HandoverArchiveDirectory = _handover.Path);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);

        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        await host.Lifecycle.OffboardDueAsync(dryRun: true);
        await using var other = await HostAsync(o => o.HandoverArchiveDirectory = missing);
        await other.SeedAsync();
        await other.EndContractAsync("acme", daysAgo: 400);
        var blocked = await other.Lifecycle.PlanOffboardingAsync("acme");

        Assert.True(plan.WritesHandoverArchive && plan.CanOffboard);
        Assert.Empty(Directory.GetFiles(_handover.Path));
        Assert.Contains(blocked.Blockers, b => b.Contains("handover archive directory", StringComparison.Ordinal));
        await Assert.ThrowsAsync<TenantOffboardingException>(() => other.Lifecycle.OffboardAsync(blocked));
        Assert.Equal(2, (await other.EmailsOfAsync("acme")).Count);
    }

    private X509Certificate2 PublicPart() => X509CertificateLoader.LoadCertificate(_certificate.RawData);

    private static X509Certificate2 NewCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=DataGuard offboarding", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
