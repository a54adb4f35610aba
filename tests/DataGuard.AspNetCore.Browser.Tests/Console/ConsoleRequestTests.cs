using System.IO.Compression;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Sample.Web;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests.Console;

[Collection(BrowserTests.Name)]
public sealed class ConsoleRequestTests(ShopBrowserFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Mark(string step) => output.WriteLine($"{_clock.ElapsedMilliseconds,6} ms {step}");

    [SkippableFact]
    public async Task Officer_fulfils_an_export_then_an_erasure_and_the_signed_report_verifies()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var erin = await TestShop.AddCustomerAsync(fixture, "Erin");
        var access = await TestShop.ReceiveAsync(fixture, erin, SubjectRequestKind.Access);
        var erasure = await TestShop.ReceiveAsync(fixture, erin, SubjectRequestKind.Erasure);
        Mark("arranged");
        var page = await fixture.SignInAsync(SampleUsers.Officer);
        Mark("signed in");

        // The inbox: the seeded request that nobody answered within the week is highlighted.
        await page.GotoAsync("/privacy-console/requests");
        await Assertions.Expect(page.Locator("tr.overdue")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr.overdue").First).ToContainTextAsync("overdue by");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-requests");
        Mark("inbox");

        // Export: verify, approve, fulfil; the signed package downloads and verifies.
        await page.GotoAsync("/privacy-console/requests/" + access.Id.ToString("D"));
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Identity verified" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and start" }).ClickAsync();
        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button,
            new() { Name = "Fulfil export and download the package" }).ClickAsync());
        var verification = await TestShop.VerifyExportAsync(fixture, await export.PathAsync(), erin);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(SubjectRequestStatus.Completed, (await TestShop.FindAsync(fixture, access.Id))!.Status);
        Mark("export");

        // Erasure: verify, approve, preview (what is kept and why), execute, download the signed report.
        await page.GotoAsync("/privacy-console/requests/" + erasure.Id.ToString("D"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Identity verified" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and start" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Table, new() { Name = "What the erasure will do, per entity" });
        await Assertions.Expect(preview.GetByRole(AriaRole.Row,
            new() { Name = "Order" })).ToContainTextAsync("Retention minimum: Commercial and tax records: 10 years");
        await Assertions.Expect(preview.GetByRole(AriaRole.Row, new() { Name = "Customer" })).ToContainTextAsync("Deleted");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-erasure-preview");
        Mark("preview");

        await page.GetByLabel("I have checked the preview; erase the subject's data now").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute erasure" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The erasure was executed");
        Mark("erased");
        await PageChecks.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the signed report" }).ClickAsync());
        using (var zip = ZipFile.OpenRead(await download.PathAsync()))
        {
            var json = Read(zip, "erasure-report.json");
            var signature = Read(zip, "erasure-report.p7s");
            var report = ErasureReport.Verify(json, signature, ExportTrust.SignedBy(TestShop.SigningCertificate(fixture)));
            Assert.Equal(erin.ToString("D"), report.SubjectId.Value);
            var summary = string.Join("; ",
                report.Entities.Select(e => $"{e.Entity} {e.Action} d{e.Deleted} a{e.Anonymized} k{e.Kept} {string.Join(",", e.Reasons)}"));
            Assert.True(report.Entities.Single(e => e.Entity == "Customer") is { Deleted: 1 } or { Anonymized: 1 }, summary);
            Assert.True(report.Entities.Single(e => e.Entity == "Order").Kept == 1, summary);
        }

        Assert.Equal(SubjectRequestStatus.Completed, (await TestShop.FindAsync(fixture, erasure.Id))!.Status);

        // The officer is the actor of the erasure on the audit trail, with the console's purpose.
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery { Action = "console.request.erased",
            SubjectId = erin });
        var entry = Assert.Single(entries.Entries);
        Assert.Equal(SampleUsers.Officer.UserName, entry.Actor);
        Assert.Equal("dsar-handling", entry.Purpose);
        await page.Context.CloseAsync();
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"{name} is missing from the download.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
