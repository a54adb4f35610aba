using System.Net;
using System.Text.RegularExpressions;
using DataGuard.AspNetCore.Tests.Requests;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>The request inbox read a page at a time from the store.</summary>
public sealed partial class PrivacyConsoleTests
{
    [Fact]
    public async Task Closing_a_request_between_two_inbox_pages_skips_no_request_on_the_next_page()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, o => o.PageSize = 2);
        await CreateShopAsync(app);
        await app.StartAsync();
        var ids = new List<Guid>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();
            for (var i = 0; i < 4; i++)
            {
                ids.Add((await requests.ReceiveAsync(new SubjectId(i % 2 == 0 ? "ana-1" : "bob-2"), SubjectRequestKind.Access, "test")).Id);
            }
        }

        using var officer = app.GetTestClient();
        officer.DefaultRequestHeaders.Add("X-Test-User", "olga");
        officer.DefaultRequestHeaders.Add("X-Test-Role", "officer");
        var first = await officer.GetStringAsync(Url("/privacy-console/requests"));
        var next = WebUtility.HtmlDecode(NextPageLink().Match(first).Groups[1].Value);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();
            await requests.RejectAsync((await requests.FindAsync(ids[0]))!, "Duplicate", "test");
        }

        var second = await officer.GetStringAsync(Url(next));

        Assert.Contains(ShortId(ids[0]), first, StringComparison.Ordinal);
        Assert.Contains(ShortId(ids[1]), first, StringComparison.Ordinal);
        Assert.Contains(ShortId(ids[2]), second, StringComparison.Ordinal);
        Assert.Contains(ShortId(ids[3]), second, StringComparison.Ordinal);
        Assert.Contains("3 open", WebUtility.HtmlDecode(second), StringComparison.Ordinal);
    }

    private static async Task CreateShopAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        await db.Database.EnsureCreatedAsync();
        db.Members.AddRange(new ShopMember { Id = "ana-1", Email = "ana@example.com", Name = "Ana" },
            new ShopMember { Id = "bob-2", Email = "bob@example.org", Name = "Bob" });
        await db.SaveChangesAsync();
    }

    private static string ShortId(Guid id) => id.ToString("N")[..8];

    [GeneratedRegex("<a href=\"([^\"]+)\">Next page</a>")]
    private static partial Regex NextPageLink();
}
