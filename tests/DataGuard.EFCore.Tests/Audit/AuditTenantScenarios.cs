using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The audit chain per tenant: each tenant's entries form a chain of their own (sequence and previous hash),
/// verified, queried and checkpointed from that tenant's context only; entries outside any tenant keep the platform's
/// chain. Tenant ids are the test's own, so the scenarios can share a database.</summary>
internal static class AuditTenantScenarios
{
    public static async Task Each_tenant_has_a_chain_of_its_own_and_platform_entries_keep_the_platform_chain(AuditTestHost host)
    {
        var (acme, globex) = Tenants();
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        SubjectId subject = Guid.NewGuid();
        var platformBefore = (await host.Store.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize })).Entries.Count;
        using (tenants.Begin(acme))
        {
            await host.Trail.RecordAsync(new AuditEvent("test.first") { SubjectId = subject });
            await host.Trail.RecordAsync(new AuditEvent("test.second") { SubjectId = subject });
        }

        using (tenants.Begin(globex))
        {
            await host.Trail.RecordAsync(new AuditEvent("test.first") { SubjectId = subject });
        }

        await host.Trail.RecordAsync(new AuditEvent("test.platform"));

        using (tenants.Begin(acme))
        {
            var page = await host.Store.QueryAsync(new AuditQuery { SubjectId = subject });
            Assert.Equal([1L, 2L], page.Entries.Select(e => e.Sequence));
            Assert.All(page.Entries, e => Assert.Equal(acme, e.TenantId));
            Assert.True(AuditChain.HashEquals(page.Entries[0].PreviousHash.Span, AuditChain.GenesisHash.Span));
            var report = await host.Verifier.VerifyAsync();
            Assert.True(report.IsIntact, report.ToString());
            Assert.Equal(2, report.EntriesVerified);
        }

        using (tenants.Begin(globex))
        {
            var page = await host.Store.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize });
            Assert.Equal([("test.first", 1L)], page.Entries.Select(e => (e.Action, e.Sequence)));
            Assert.Equal(1, (await host.Verifier.VerifyAsync()).EntriesVerified);
        }

        var platform = await host.Store.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize });
        Assert.Equal(platformBefore + 1, platform.Entries.Count);
        Assert.All(platform.Entries, e => Assert.Null(e.TenantId));
        Assert.Empty((await host.Store.QueryAsync(new AuditQuery { SubjectId = subject })).Entries);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Tampering_with_one_tenants_chain_breaks_only_that_chain(AuditTestHost host)
    {
        var (acme, globex) = Tenants();
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        foreach (var tenant in new[] { acme, globex })
        {
            using (tenants.Begin(tenant))
            {
                await host.Trail.RecordAsync(new AuditEvent("test.first"));
                await host.Trail.RecordAsync(new AuditEvent("test.second"));
            }
        }

        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.TenantId == globex && e.Sequence == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, "rewritten"));
        }

        using (tenants.Begin(globex))
        {
            var report = await host.Verifier.VerifyAsync();
            Assert.Equal(1, report.FirstBrokenSequence);
        }

        using (tenants.Begin(acme))
        {
            Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task A_chain_moved_to_another_tenant_does_not_verify_there(AuditTestHost host)
    {
        var (acme, globex) = Tenants();
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin(acme))
        {
            await host.Trail.RecordAsync(new AuditEvent("test.first"));
        }

        // Relabel acme's whole chain, head included, as globex's (which has none).
        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.TenantId == acme).ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, globex));
            await db.Set<AuditHeadRecord>().Where(h => h.TenantId == acme).ExecuteUpdateAsync(s => s.SetProperty(h => h.TenantId, globex));
        }

        using (tenants.Begin(globex))
        {
            var report = await host.Verifier.VerifyAsync();
            Assert.Equal(1, report.FirstBrokenSequence);
        }
    }

    private static (string Acme, string Globex) Tenants()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ("acme-" + suffix, "globex-" + suffix);
    }
}
