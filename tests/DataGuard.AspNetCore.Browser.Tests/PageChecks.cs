using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests;

/// <summary>Accessibility checks and screenshots shared by the browser tests.</summary>
internal static class PageChecks
{
    /// <summary>Runs axe-core (bundled in Deque.AxeCore.Commons, injected into the page; nothing from a CDN) and fails on
    /// any serious or critical violation, naming the rule and the elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(static v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0,
            $"{page.Url}: " + string.Join("; ",
                blocking.Select(static v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(static n => n.Target?.ToString()))}")));
    }

    /// <summary>Saves a screenshot of the visible page: into docs/images when DATAGUARD_SCREENSHOTS=1 (to refresh the
    /// README's pictures), else next to the test assembly, so ordinary runs leave the work tree unchanged.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("DATAGUARD_SCREENSHOTS") == "1" && FindRepositoryRoot() is { } root
            ? Path.Combine(root, "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataGuard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
