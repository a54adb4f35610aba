using DataGuard.Sample.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace DataGuard.AspNetCore.Browser.Tests;

/// <summary>
/// Starts the web sample on Kestrel at a free port of 127.0.0.1 (a real socket: a browser cannot reach TestServer) with
/// its own SQLite file, and launches the system's Chromium once for every test of the collection. When Chromium is not
/// installed, <see cref="SkipReason"/> says so and the tests report themselves skipped.
/// </summary>
public sealed class ShopBrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser; DATAGUARD_CHROMIUM names another.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("DATAGUARD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dataguard-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public string? SkipReason { get; private set; }

    public WebApplication App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium, or set DATAGUARD_CHROMIUM).";
            return;
        }

        Directory.CreateDirectory(_folder);
        App = ShopWebApp.Build(new ShopWebAppSettings { DatabasePath = Path.Combine(_folder, "shop.db"), Urls = "http://127.0.0.1:0", Quiet = true });
        await ShopWebApp.SeedAsync(App);
        await App.StartAsync();
        BaseUrl = App.Urls.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (own cookies) signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignInAsync(SampleUser user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync(user.UserName);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/login", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown stays in the temp folder.
        }
    }
}
