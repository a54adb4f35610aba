using DataGuard.Sample.Web;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests.Console;

[Collection(BrowserTests.Name)]
public sealed class ConsoleRetentionTests(ShopBrowserFixture fixture)
{
    [SkippableFact]
    public async Task Officer_places_a_hold_and_the_retention_preview_shows_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        // A customer past the 730-day period: due for anonymisation unless held.
        var old = await TestShop.AddCustomerAsync(fixture, "Olaf", ageDays: 900);
        var page = await fixture.SignInAsync(SampleUsers.Officer);
        await page.GotoAsync("/privacy-console/retention");

        await page.GetByLabel("Subject id (leave empty to hold an entity type)").FillAsync(old.ToString("D"));
        await page.GetByLabel("Reason (case reference; no personal data)").FillAsync("Case 2026-17");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();
        var holds = page.GetByRole(AriaRole.Table, new() { Name = "Active holds: held rows are never purged" });
        await Assertions.Expect(holds).ToContainTextAsync("Case 2026-17");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Table, new() { Name = "Dry run, nothing changed" });
        var customerRow = preview.GetByRole(AriaRole.Row, new() { Name = "Customer" });
        await Assertions.Expect(customerRow).ToBeVisibleAsync();
        var cells = await customerRow.Locator("td").AllInnerTextsAsync();
        Assert.True(int.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture) >= 1,
            "The preview counts the held customer: " + string.Join(" | ", cells));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-retention");

        // Released with a reason, the hold leaves the list.
        var row = holds.GetByRole(AriaRole.Row).Filter(new() { HasText = "Case 2026-17" });
        await row.GetByLabel("Reason for release").FillAsync("Case closed");
        await row.GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table,
            new() { Name = "Active holds: held rows are never purged" })).Not.ToContainTextAsync("Case 2026-17");
        await page.Context.CloseAsync();
    }
}
