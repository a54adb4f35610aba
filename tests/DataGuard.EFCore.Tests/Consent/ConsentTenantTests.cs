using DataGuard.Consent;
using DataGuard.EFCore.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>Consent records are kept per tenant: the same subject id in two tenants is two subjects, and work without a
/// tenant reads and writes only records without one. The derived classes say which database.</summary>
public abstract class ConsentTenantTests
{
    private readonly SubjectId _subject = Guid.NewGuid();

    protected abstract void ConfigureDb(DbContextOptionsBuilder options);

    [StoreFact]
    public async Task Consent_given_in_one_tenant_does_not_answer_for_the_same_subject_in_another()
    {
        await using var host = new ConsentHost(ConfigureDb);
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin("acme"))
        {
            await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
            Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        }

        using (tenants.Begin("globex"))
        {
            Assert.False(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
            Assert.Equal(ConsentStatus.Absent, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
            Assert.Empty(await host.InScopeAsync(c => c.GetHistoryAsync(_subject)));
            Assert.All(await host.InScopeAsync(c => c.GetAsync(_subject)), s => Assert.NotEqual(ConsentStatus.Granted, s.Status));
        }

        Assert.False(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        Assert.Empty(await host.InScopeAsync(c => c.GetHistoryAsync(_subject)));
    }

    [StoreFact]
    public async Task A_withdrawal_in_one_tenant_leaves_the_same_subjects_consent_in_another()
    {
        await using var host = new ConsentHost(ConfigureDb);
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin("acme"))
        {
            await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        }

        using (tenants.Begin("globex"))
        {
            await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
            Assert.True(await host.InScopeAsync(c => c.RestrictAsync(_subject)));
        }

        using (tenants.Begin("acme"))
        {
            Assert.True(await host.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing")));
            Assert.Equal(ConsentStatus.Withdrawn, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
            Assert.Equal(
                [ConsentRecordKind.Granted, ConsentRecordKind.Withdrawn],
                (await host.InScopeAsync(c => c.GetHistoryAsync(_subject))).Select(r => r.Kind));
        }

        using (tenants.Begin("globex"))
        {
            Assert.Equal(ConsentStatus.Restricted, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
            Assert.Equal(
                [ConsentRecordKind.Granted, ConsentRecordKind.Restricted],
                (await host.InScopeAsync(c => c.GetHistoryAsync(_subject))).Select(r => r.Kind));
        }
    }

    [StoreFact]
    public async Task Records_carry_the_tenant_they_were_written_for_and_platform_records_carry_none()
    {
        await using var host = new ConsentHost(ConfigureDb);
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin("acme"))
        {
            await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        }

        await host.InScopeAsync(c => c.GrantAsync(_subject, "newsletter"));

        await using var scope = host.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ConsentDb>().Set<ConsentRecordRow>().AsNoTracking()
            .Where(r => r.SubjectId == _subject.Value).OrderBy(r => r.Id).Select(r => new { r.Purpose, r.TenantId }).ToListAsync();
        Assert.Equal([("marketing", "acme"), ("newsletter", (string?)null)], rows.Select(r => (r.Purpose, r.TenantId)));
    }
}
