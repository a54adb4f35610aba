using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace DataGuard.Tests.Consent;

public sealed class ConsentLoggingTests
{
    [Fact]
    public async Task Logs_name_purposes_and_reasons_but_never_subjects_or_evidence()
    {
        using var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IConsentStore, InMemoryConsentStore>();
        services.AddDataGuard(o => o.Purposes.Add("marketing", notice: "2026-11"));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var consents = scope.ServiceProvider.GetRequiredService<IConsentService>();

        await consents.GrantAsync((SubjectId)"ana@example.com", "marketing", new ConsentDetails { Evidence = "ip 203.0.113.7", Actor = "ana@example.com" });
        await consents.WithdrawAsync((SubjectId)"ana@example.com", "marketing");
        await consents.WithdrawAsync((SubjectId)"ana@example.com", "marketing");
        await Assert.ThrowsAsync<ConsentRequiredException>(() => consents.EnsureConsentAsync((SubjectId)"ana@example.com", "marketing"));

        var records = logs.Collector.GetSnapshot();
        Assert.Equal([6001, 6001, 6002, 6003], records.Select(r => r.Id.Id));
        Assert.Equal("Processing for purpose 'marketing' refused: Withdrawn.", records[^1].Message);
        Assert.All(records, r =>
        {
            Assert.DoesNotContain("ana@", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("203.0.113.7", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(r.StructuredState ?? [], kv => kv.Value?.Contains("ana@", StringComparison.Ordinal) == true);
        });
    }
}
