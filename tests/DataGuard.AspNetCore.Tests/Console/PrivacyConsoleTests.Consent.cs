using System.Globalization;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Console;

/// <summary>The consent page's statistics per purpose over time.</summary>
public sealed partial class PrivacyConsoleTests
{
    [Fact]
    public async Task The_consent_page_counts_consents_in_force_withdrawn_and_expired_per_purpose_this_month()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, _ => { }, dataGuard: o => o.Purposes.Add("marketing", "2026-11"));
        await CreateShopAsync(app);
        await app.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IConsentStore>();
            await store.AppendAsync(Record("ana-1", ConsentRecordKind.Granted, now.AddDays(-70), expiresAt: null));
            await store.AppendAsync(Record("bob-2", ConsentRecordKind.Granted, now.AddDays(-70), expiresAt: null));
            await store.AppendAsync(Record("bob-2", ConsentRecordKind.Withdrawn, now.AddMinutes(-1), expiresAt: null));
            await store.AppendAsync(Record("cid-3", ConsentRecordKind.Granted, now.AddDays(-70), expiresAt: now.AddMinutes(-5)));
        }

        using var auditor = app.GetTestClient();
        auditor.DefaultRequestHeaders.Add("X-Test-User", "aldo");
        auditor.DefaultRequestHeaders.Add("X-Test-Role", "auditor");
        var html = await auditor.GetStringAsync(Url("/privacy-console/consent"));

        var month = now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var twoMonthsAgo = now.UtcDateTime.AddDays(-70).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Contains("<caption>Consent for marketing, by month (state at the end of each month)</caption>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{month}</th><td>1</td><td>1</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{twoMonthsAgo}</th><td>3</td><td>0</td><td>0</td></tr>", html, StringComparison.Ordinal);
    }

    private static ConsentRecord Record(string subject, ConsentRecordKind kind, DateTimeOffset at, DateTimeOffset? expiresAt) => new()
    {
        SubjectId = new SubjectId(subject),
        Purpose = "marketing",
        Kind = kind,
        RecordedAt = at,
        NoticeVersion = "2026-11",
        ExpiresAt = expiresAt,
    };
}
