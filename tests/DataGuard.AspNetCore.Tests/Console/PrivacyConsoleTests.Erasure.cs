using System.IO.Compression;
using System.Net;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>Signed erasure reports kept in the DataGuard store, not in one instance's memory.</summary>
public sealed partial class PrivacyConsoleTests
{
    [Fact]
    public async Task The_signed_erasure_report_downloads_from_another_instance_and_verifies()
    {
        using var certificate = CheckpointCertificate();
        using var folder = new TempDirectory();
        var keyRing = new EphemeralDataProtectionProvider(); // instances share the Data Protection key ring
        Guid requestId;
        await using (var first = Build(folder, _ => { }, dataGuard: o => o.SubjectRights.SigningCertificate = certificate,
            services: s => s.AddSingleton<IDataProtectionProvider>(keyRing)))
        {
            await CreateShopAsync(first);
            await first.StartAsync();
            await using (var scope = first.Services.CreateAsyncScope())
            {
                var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();
                var request = await requests.ReceiveAsync(new SubjectId("ana-1"), SubjectRequestKind.Erasure, "test");
                request = await requests.StartAsync(await requests.VerifyIdentityAsync(request, "test"), "test");
                requestId = request.Id;
            }

            using var officer = OfficerOf(first);
            var tokens = await FormTokensAsync(officer, "/privacy-console/requests/" + requestId.ToString("D"));
            var erased = await PostAsync(officer, $"/privacy-console/requests/{requestId:D}/erasure", tokens, ("confirm", "yes"));
            Assert.Equal(HttpStatusCode.SeeOther, erased.StatusCode);
        }

        // A second instance (or the first after a restart) on the same database.
        await using var second = Build(folder, _ => { }, dataGuard: o => o.SubjectRights.SigningCertificate = certificate,
            services: s => s.AddSingleton<IDataProtectionProvider>(keyRing));
        await second.StartAsync();
        using var other = OfficerOf(second);
        var page = await FormTokensAsync(other, "/privacy-console/requests/" + requestId.ToString("D"));
        var download = await PostAsync(other, $"/privacy-console/requests/{requestId:D}/erasure-report", page);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        var json = await ReadAllAsync(zip.GetEntry("erasure-report.json")!);
        var signature = await ReadAllAsync(zip.GetEntry("erasure-report.p7s")!);
        var report = ErasureReport.Verify(json, signature, ExportTrust.SignedBy(certificate));
        Assert.Equal("ana-1", report.SubjectId.Value);
    }

    private static HttpClient OfficerOf(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Test-User", "olga");
        client.DefaultRequestHeaders.Add("X-Test-Role", "officer");
        return client;
    }

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
