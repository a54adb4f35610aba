using DataGuard.Consent;
using DataGuard.Sample.Web;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests.PrivacyCenter;

[Collection(BrowserTests.Name)]
public sealed class PrivacyCenterTests(ShopBrowserFixture fixture)
{
    [SkippableFact]
    public async Task Customer_downloads_their_data_and_withdraws_a_consent()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync(SampleUsers.Ana);
        await page.GotoAsync("/privacy");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "privacy-center");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        var path = await download.PathAsync();
        var verification = await TestShop.VerifyExportAsync(fixture, path, SampleUsers.AnaId);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.True(verification.IsSigned);

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("withdrawn");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Give consent" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<IConsentService>().GetAsync(SampleUsers.AnaId, "marketing");
        Assert.Equal(ConsentStatus.Withdrawn, state.Status);
        var mine = await scope.ServiceProvider.GetRequiredService<ISubjectRequestService>().GetForSubjectAsync(SampleUsers.AnaId);
        Assert.Contains(mine, r => r is { Kind: SubjectRequestKind.Access, Status: SubjectRequestStatus.Completed });
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Customer_is_refused_another_customers_request_by_url()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var jonasRequest = await TestShop.ReceiveAsync(fixture, SampleUsers.JonasId, SubjectRequestKind.Access);
        var anaRequest = await TestShop.ReceiveAsync(fixture, SampleUsers.AnaId, SubjectRequestKind.Rectification);
        var page = await fixture.SignInAsync(SampleUsers.Ana);

        var own = await page.GotoAsync("/privacy/requests/" + anaRequest.Id.ToString("D"));
        Assert.Equal(200, own!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Correction");
        await PageChecks.AssertAccessibleAsync(page);

        var other = await page.GotoAsync("/privacy/requests/" + jonasRequest.Id.ToString("D"));
        Assert.Equal(404, other!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("You have no request with this id.");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Copy of my data");

        // Nor may a customer open the officers' console, whatever URL they try.
        var console = await page.GotoAsync("/privacy-console/requests/" + jonasRequest.Id.ToString("D"));
        Assert.EndsWith("/denied", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(403, console!.Status);
        await page.Context.CloseAsync();
    }
}
