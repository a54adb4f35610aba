using DataGuard.Sample.Web;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests.Console;

[Collection(BrowserTests.Name)]
public sealed class ConsolePagesTests(ShopBrowserFixture fixture)
{
    [SkippableFact]
    public async Task Every_console_page_has_no_serious_accessibility_violation()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync(SampleUsers.Officer);

        await page.GotoAsync("/privacy-console/audit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Audit chain intact");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-audit");

        await page.GotoAsync("/privacy-console/consent");
        await page.GetByLabel("Subject id").FillAsync(SampleUsers.JonasId.ToString("D"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show ledger" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "History, oldest first" })).ToContainTextAsync("Granted");
        var byMonth = page.GetByRole(AriaRole.Table, new() { Name = "Consent for marketing, by month (state at the end of each month)" });
        await Assertions.Expect(byMonth.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(12);
        await PageChecks.AssertAccessibleAsync(page);

        await page.GotoAsync("/privacy-console/keys");
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-keys");

        await page.GotoAsync("/privacy-console/data-map");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-data-map");
        var markdown = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Markdown" }).ClickAsync());
        Assert.Contains("# Data map", await File.ReadAllTextAsync(await markdown.PathAsync()), StringComparison.Ordinal);

        await page.GotoAsync("/privacy-console/retention");
        await PageChecks.AssertAccessibleAsync(page);

        await page.GotoAsync("/login");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Auditor_sees_the_console_without_its_actions()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync(SampleUsers.Auditor);
        await page.GotoAsync("/privacy-console/requests");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record" })).ToHaveCountAsync(0);

        // Subject ids are masked without the reveal permission.
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(SampleUsers.JonasId.ToString("D"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(SampleUsers.JonasId.ToString("D")[..4] + "••••");
        await page.Context.CloseAsync();
    }
}
