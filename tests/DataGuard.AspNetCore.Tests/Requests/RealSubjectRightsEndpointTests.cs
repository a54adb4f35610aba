using System.Net;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>The data-subject endpoints end to end: a real host on TestServer with the EF Core stores and rights
/// service on a SQLite file, two members with orders, and the test authentication scheme.</summary>
public sealed class RealSubjectRightsEndpointTests : IAsyncLifetime
{
    private static readonly string[] AnaValues = ["ana@example.com", "Ana Silva", "Rua das Flores 12, Lisboa"];
    private static readonly string[] BobValues = ["bob@example.org", "Bob Stone", "Hauptstrasse 5, Berlin"];

    private readonly TempDirectory _folder = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestAuthenticationHandler.CreateAppBuilder();
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddDataGuard().UseEntityFrameworkStores<ShopDb>().AddDataSubjectEndpoints(o => (o.ExportPermitLimit, o.Rectification) = (2, false));
        builder.Services.AddDbContext<ShopDb>((sp, o) => o.UseSqlite($"Data Source={_folder.File("shop.db")}").UseDataGuard(sp));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.UseRateLimiter();
        _app.MapDataSubjectEndpoints("/privacy").RequireAuthorization();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            await db.Database.EnsureCreatedAsync();
            db.Members.AddRange(new ShopMember { Id = "ana", Email = AnaValues[0], Name = AnaValues[1] },
                new ShopMember { Id = "bob", Email = BobValues[0], Name = BobValues[1] });
            db.Orders.AddRange(
                new ShopOrder { MemberId = "ana", ShippingAddress = AnaValues[2] },
                new ShopOrder { MemberId = "ana", ShippingAddress = AnaValues[2] },
                new ShopOrder { MemberId = "bob", ShippingAddress = BobValues[2] });
            await db.SaveChangesAsync();
        }

        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private HttpClient Client(string? user)
    {
        var client = _app.GetTestClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-User", user);
        }

        return client;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<(SubjectExportPackage Package, string Text)> ReadPackageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True((await SubjectExportPackage.VerifyAsync(new MemoryStream(bytes), ExportTrust.HashesOnly)).IsValid);
        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(bytes));
        var text = string.Concat(package.Files.Select(f => System.Text.Encoding.UTF8.GetString(package.ReadFile(f).Span)));
        return (package, text);
    }

    [Fact]
    public async Task A_member_downloads_a_verified_package_of_exactly_their_own_rows()
    {
        using var ana = Client("ana");

        var (package, text) = await ReadPackageAsync(await ana.GetAsync(Url("/privacy/me/export?subject=bob")));

        Assert.Equal("ana", package.Manifest.Subject.Value);
        Assert.Equal(1, package.Manifest.Entities.Single(e => e.Name == nameof(ShopMember)).Rows);
        Assert.Equal(2, package.Manifest.Entities.Single(e => e.Name == nameof(ShopOrder)).Rows);
        Assert.All(package.ReadRows(nameof(ShopOrder)), row => Assert.Equal("ana", row.GetProperty(nameof(ShopOrder.MemberId)).GetString()));
        Assert.All(AnaValues, value => Assert.Contains(value, text, StringComparison.Ordinal));
        Assert.All(BobValues, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_by_a_member_removes_their_rows_and_leaves_the_other_members_data_alone()
    {
        using var ana = Client("ana");
        using var bob = Client("bob");

        using var erase = await ana.PostAsync(Url("/privacy/me/erasure"), null);

        Assert.Equal(HttpStatusCode.Created, erase.StatusCode);
        var (after, afterText) = await ReadPackageAsync(await ana.GetAsync(Url("/privacy/me/export")));
        Assert.All(after.Manifest.Entities, e => Assert.Equal(0, e.Rows));
        Assert.All(AnaValues, value => Assert.DoesNotContain(value, afterText, StringComparison.Ordinal));
        var (_, bobText) = await ReadPackageAsync(await bob.GetAsync(Url("/privacy/me/export")));
        Assert.All(BobValues, value => Assert.Contains(value, bobText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_repeated_exports_are_rate_limited()
    {
        using var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url("/privacy/me/export"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Url("/privacy/me/erasure"), null)).StatusCode);

        using var ana = Client("ana");
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync(Url("/privacy/me/export"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync(Url("/privacy/me/export"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ana.GetAsync(Url("/privacy/me/export"))).StatusCode);
    }
}
