using System.Text;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Tenants;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>
/// Tenant offboarding in a database acme and globex share: after it, no personal value of acme is readable in what the
/// database holds (<see cref="DatabaseTextAsync"/>: the SQLite file, or a dump of the PostgreSQL tables), neither in
/// clear nor as a ciphertext whose key still exists, while globex reads as before; the signed report verifies with the
/// public certificate. Refusals (another tenant's scope, no contract end, a legal hold, the retention period, a stale
/// plan) change nothing, and neither does the dry run. Run on every database.
/// </summary>
public abstract class OffboardingScenarios : IDisposable
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = NewCertificate();

    internal abstract Task<OffboardingHost> HostAsync(Action<TenantOffboardingOptions>? configure = null);

    /// <summary>Everything the database holds, as bytes a reader of its files (or of a dump) would see.</summary>
    internal abstract Task<byte[]> DatabaseTextAsync(OffboardingHost host);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => _certificate.Dispose();

    internal System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate => _certificate;

    [StoreFact]
    public async Task Offboarding_leaves_no_readable_personal_value_of_the_tenant_and_the_other_tenant_still_reads()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        var ciphertexts = await host.AcmeCiphertextsAsync();
        var wrappedKeys = await host.AcmeWrappedKeysAsync();
        var before = await DatabaseTextAsync(host);
        Assert.All(ciphertexts, c => Assert.True(Contains(before, Encoding.UTF8.GetBytes(c)), "the search finds the ciphertexts before"));
        Assert.NotEmpty(wrappedKeys);

        var result = await host.Lifecycle.OffboardAsync(await host.Lifecycle.PlanOffboardingAsync("acme"));

        var after = await DatabaseTextAsync(host);
        foreach (var value in OffboardingHost.AcmePlaintexts.Concat(ciphertexts))
        {
            Assert.False(Contains(after, Encoding.UTF8.GetBytes(value)), "a personal value of acme, or its ciphertext, is still in the database");
        }

        Assert.All(wrappedKeys, k => Assert.False(Contains(after, k) || Contains(after, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(k))),
            "a wrapped key of acme is still in the database"));
        Assert.Equal(["gina@globex.example"], await host.EmailsOfAsync("globex"));
        Assert.Empty(await host.EmailsOfAsync("acme"));
        Assert.Equal(
            [new TenantOffboardingCount(nameof(TenantClient), 2), new TenantOffboardingCount(nameof(TenantNote), 1)],
            result.Report.Entities.OrderBy(e => e.Name));
        Assert.Equal(result.Json, TenantOffboardingReport.Verify(result.Json, result.Signature, ExportTrust.SignedBy(PublicPart())).ToJson());
    }

    [StoreFact]
    public async Task Rows_left_unreadable_stay_but_no_value_of_them_decrypts_and_the_tenants_keys_are_gone()
    {
        await using var host = await HostAsync(o => o.Rows = TenantRowDisposal.LeaveUnreadable);
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        var wrappedKeys = await host.AcmeWrappedKeysAsync();

        var result = await host.Lifecycle.OffboardAsync(await host.Lifecycle.PlanOffboardingAsync("acme"));

        Assert.Equal(TenantRowDisposal.LeaveUnreadable, result.Report.Rows);
        Assert.Equal(["2"], await host.TextsAsync("SELECT COUNT(*) FROM \"Clients\" WHERE \"TenantId\" = 'acme'"));
        var failed = await Assert.ThrowsAnyAsync<DataGuardException>(() => host.EmailsOfAsync("acme"));
        Assert.Contains("tenant 'acme'", failed.Message, StringComparison.OrdinalIgnoreCase);
        var after = await DatabaseTextAsync(host);
        Assert.All(wrappedKeys, k => Assert.False(Contains(after, k) || Contains(after, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(k)))));
        Assert.Equal(["gina@globex.example"], await host.EmailsOfAsync("globex"));
    }

    [StoreFact]
    public async Task Offboarding_from_another_tenants_scope_is_refused_and_touches_nothing()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var before = await host.SnapshotAsync();

        using (host.Tenants.Begin("globex"))
        {
            await Assert.ThrowsAsync<TenantMismatchException>(() => host.Lifecycle.OffboardAsync(plan));
            await Assert.ThrowsAsync<TenantMismatchException>(() => host.Lifecycle.PlanOffboardingAsync("acme"));
            await Assert.ThrowsAsync<TenantMismatchException>(() => host.Lifecycle.RecordContractEndAsync("acme", host.Clock.GetUtcNow()));
            await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardDueAsync(dryRun: false));
        }

        Assert.Equal(before, await host.SnapshotAsync());
        Assert.Equal([OffboardingHost.AcmePlaintexts[0], OffboardingHost.AcmePlaintexts[2]], await host.EmailsOfAsync("acme"));
    }

    [StoreFact]
    public async Task Offboarding_a_tenant_without_a_contract_end_fails_clearly_and_changes_nothing()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        var before = await host.SnapshotAsync();

        var plan = await host.Lifecycle.PlanOffboardingAsync("nobody");
        var refused = await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(plan));

        Assert.False(plan.CanOffboard);
        Assert.Equal("nobody", refused.Tenant);
        Assert.Contains("no contract end is recorded for tenant 'nobody'", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Lifecycle.PlanOffboardingAsync("Not A Tenant"));
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task An_active_legal_hold_of_the_tenant_blocks_offboarding()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        using (host.Tenants.Begin("acme"))
        {
            await host.Holds.PlaceOnSubjectAsync(new SubjectId(OffboardingHost.Ana.ToString()), "litigation 2026-17", "legal@acme.example");
        }

        var before = await host.SnapshotAsync();
        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var refused = await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(plan));

        Assert.Equal(1, plan.ActiveLegalHolds);
        Assert.Contains("1 active legal hold", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Lifecycle.OffboardDueAsync(dryRun: false));
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task Offboarding_before_the_retention_period_after_the_contract_end_is_over_is_refused()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 300);
        var before = await host.SnapshotAsync();

        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var refused = await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(plan));

        Assert.Contains("retention period", refused.Message, StringComparison.Ordinal);
        Assert.Equal(host.Clock.GetUtcNow().AddDays(65), plan.DueAt);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task The_dry_run_counts_what_would_be_destroyed_and_changes_nothing()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        var before = await host.SnapshotAsync();

        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        var run = await host.Lifecycle.OffboardDueAsync(dryRun: true);

        Assert.True(plan.CanOffboard);
        Assert.Empty(run);
        Assert.Equal(3, plan.Entities.Sum(e => e.Rows));
        Assert.Single(plan.KeyEncryptionKeyIds);
        Assert.True(plan.TenantKeyCount > 0);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task A_stale_plan_is_refused_and_changes_nothing()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        var plan = await host.Lifecycle.PlanOffboardingAsync("acme");
        using (host.Tenants.Begin("acme"))
        {
            await host.AddAsync(new TenantClient { PersonId = Guid.NewGuid(), Email = "late@acme.example", Name = "Late" });
        }

        var changed = await host.SnapshotAsync();
        await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(plan));
        var fresh = await host.Lifecycle.PlanOffboardingAsync("acme");
        host.Clock.Advance(TenantOffboardingPlan.Lifetime + TimeSpan.FromSeconds(1));
        var old = await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.OffboardAsync(fresh));

        Assert.Contains("older than", old.Message, StringComparison.Ordinal);
        Assert.Equal(changed, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task The_scheduled_run_offboards_only_the_tenants_whose_period_has_passed()
    {
        await using var host = await HostAsync();
        await host.SeedAsync();
        await host.EndContractAsync("acme", daysAgo: 400);
        await host.EndContractAsync("globex", daysAgo: 10);

        var results = await host.Lifecycle.OffboardDueAsync(dryRun: false);

        Assert.Equal("acme", Assert.Single(results).Report.Tenant);
        Assert.Equal(["gina@globex.example"], await host.EmailsOfAsync("globex"));
        var again = await host.Lifecycle.PlanOffboardingAsync("acme");
        Assert.Contains(again.Blockers, b => b.Contains("was offboarded", StringComparison.Ordinal));
        await Assert.ThrowsAsync<TenantOffboardingException>(() => host.Lifecycle.RecordContractEndAsync("acme", host.Clock.GetUtcNow()));
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 PublicPart()
        => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(_certificate.RawData);

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 NewCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=DataGuard offboarding", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
