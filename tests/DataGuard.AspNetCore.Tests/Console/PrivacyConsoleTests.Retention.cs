using System.Net;
using DataGuard.Retention;
using DataGuard.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>A real retention run started from the console, followed by reloading the page.</summary>
public sealed partial class PrivacyConsoleTests
{
    [Fact]
    public async Task A_real_retention_run_goes_on_in_the_background_and_the_page_shows_its_progress()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, _ => { }, services: s => s.AddSingleton<IRetentionService, GatedRetentionService>());
        await CreateShopAsync(app);
        await app.StartAsync();
        var retention = (GatedRetentionService)app.Services.GetRequiredService<IRetentionService>();
        using var officer = app.GetTestClient();
        officer.DefaultRequestHeaders.Add("X-Test-User", "olga");
        officer.DefaultRequestHeaders.Add("X-Test-Role", "officer");
        try
        {
            var tokens = await FormTokensAsync(officer, "/privacy-console/retention");
            var started = await PostAsync(officer, "/privacy-console/retention/run", tokens, ("confirm", "yes"));
            await retention.BatchRecorded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var running = WebUtility.HtmlDecode(await officer.GetStringAsync(Url("/privacy-console/retention")));

            Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
            Assert.Contains("A retention run started by olga is going on", running, StringComparison.Ordinal);
            Assert.Contains("ShopOrder: 40 rows deleted in 1 batch so far", running, StringComparison.Ordinal);
            Assert.Contains("Reload the page to follow it.", running, StringComparison.Ordinal);
            Assert.DoesNotContain("<meta http-equiv", running, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            retention.Release.TrySetResult();
        }
    }
}
