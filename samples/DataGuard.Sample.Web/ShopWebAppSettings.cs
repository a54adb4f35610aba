namespace DataGuard.Sample.Web;

/// <summary>Where the sample keeps its database and listens; the browser tests set both.</summary>
public sealed class ShopWebAppSettings
{
    /// <summary>The SQLite file; recreated and seeded at every start.</summary>
    public string DatabasePath { get; set; } = Path.Combine(Path.GetTempPath(), "dataguard-web-sample", "shop.db");

    /// <summary>The URLs to listen on, for example "http://127.0.0.1:0" for a free port; null keeps ASP.NET Core's default.</summary>
    public string? Urls { get; set; }

    /// <summary>Whether to log at information level (the console app) or only warnings (tests).</summary>
    public bool Quiet { get; set; }
}
