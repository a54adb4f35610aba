namespace DataGuard.AspNetCore.Browser.Tests;

/// <summary>One app and one browser for all browser tests, which run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<ShopBrowserFixture>
{
    public const string Name = "browser";
}
