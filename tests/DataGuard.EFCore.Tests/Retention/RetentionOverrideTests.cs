using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Retention;

public sealed class RetentionOverrideTests
{
    [Fact]
    public async Task A_configured_override_changes_the_period_a_retention_run_applies()
    {
        using var folder = new TempDirectory();
        await using var host = await RetentionHost.SqliteAsync(folder, o => o.Retention.Overrides[nameof(Visit)] = 10);
        var young = RetentionHost.Visit(host.Now.AddDays(-5));
        var past = RetentionHost.Visit(host.Now.AddDays(-20)); // within the declared 30 days, past the overridden 10
        await host.AddAsync(young, past);

        var report = await host.Retention.RunAsync();

        var visits = Assert.Single(report.Entities, e => e.Entity == nameof(Visit));
        Assert.Equal((10, 1), (visits.Policy.Days, visits.Purged));
        Assert.Equal([young.Id], await host.WithContextAsync(db => db.Visits.Select(v => v.Id).ToListAsync()));
    }

    [Fact]
    public void An_override_never_shortens_a_legal_minimum()
    {
        var options = new RetentionOptions();
        options.Overrides["Customer"] = 365;
        options.Overrides["Invoice"] = 365;
        var customer = new RetentionPolicy(730, "CreatedAt", RetentionAction.Anonymize, null);
        var invoice = new RetentionPolicy(3650, "IssuedAt", RetentionAction.Delete, "HGB 257");

        var applied = options.PolicyFor("Customer", customer);

        Assert.Equal((365, "CreatedAt", RetentionAction.Anonymize), (applied.Days, applied.From, applied.Then));
        Assert.Same(invoice, options.PolicyFor("Invoice", invoice));
        Assert.Same(customer, options.PolicyFor("Order", customer));
    }
}
