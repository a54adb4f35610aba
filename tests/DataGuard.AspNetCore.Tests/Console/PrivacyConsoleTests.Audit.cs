using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Audit;
using DataGuard.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>The audit page's chain status.</summary>
public sealed partial class PrivacyConsoleTests
{
    [Fact]
    public async Task The_audit_page_shows_the_last_signed_checkpoint_and_the_entries_written_since()
    {
        using var certificate = CheckpointCertificate();
        using var folder = new TempDirectory();
        await using var app = Build(folder, _ => { }, audit: o => o.CheckpointCertificate = certificate);
        await CreateShopAsync(app);
        await app.StartAsync();
        long checkpointAt;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            await trail.RecordAsync(new AuditEvent("test.one"));
            await trail.RecordAsync(new AuditEvent("test.two"));
            checkpointAt = (await scope.ServiceProvider.GetRequiredService<IAuditStore>().CreateCheckpointAsync()).Sequence;
            await trail.RecordAsync(new AuditEvent("test.three"));
        }

        using var auditor = app.GetTestClient();
        auditor.DefaultRequestHeaders.Add("X-Test-User", "aldo");
        auditor.DefaultRequestHeaders.Add("X-Test-Role", "auditor");
        var html = WebUtility.HtmlDecode(await auditor.GetStringAsync(Url("/privacy-console/audit")));

        Assert.Contains($"Last signed checkpoint at sequence {checkpointAt}", html, StringComparison.Ordinal);
        Assert.Contains($"its signature verifies with certificate {certificate.Thumbprint}. 1 entry written since.", html, StringComparison.Ordinal);
    }

    private static X509Certificate2 CheckpointCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Console checkpoint test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
