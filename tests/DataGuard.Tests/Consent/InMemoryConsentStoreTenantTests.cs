using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataGuard.Tests.Consent;

public sealed class InMemoryConsentStoreTenantTests
{
    [Fact]
    public async Task Consent_given_in_one_tenant_does_not_answer_for_the_same_subject_in_another()
    {
        using var services = new ConsentServices();
        var tenants = services.Services.GetRequiredService<ITenantContext>();
        SubjectId subject = Guid.NewGuid();
        using (tenants.Begin("acme"))
        {
            await services.Consents.GrantAsync(subject, "marketing");
            Assert.True(await services.Consents.HasConsentAsync(subject, "marketing"));
        }

        using (tenants.Begin("globex"))
        {
            Assert.False(await services.Consents.HasConsentAsync(subject, "marketing"));
            Assert.Empty(await services.Consents.GetHistoryAsync(subject));
        }

        Assert.False(await services.Consents.HasConsentAsync(subject, "marketing"));
    }

    [Fact]
    public async Task A_store_made_with_a_tenant_context_keeps_records_per_tenant_of_that_context()
    {
        var tenants = new TenantContext(NullLogger<TenantContext>.Instance);
        var store = new InMemoryConsentStore(tenants);
        SubjectId subject = Guid.NewGuid();
        using (tenants.Begin("acme"))
        {
            var grant = new ConsentRecord
            {
                SubjectId = subject,
                Purpose = "marketing",
                Kind = ConsentRecordKind.Granted,
                RecordedAt = DateTimeOffset.UnixEpoch,
            };
            await store.AppendAsync(grant);
            Assert.Single(await store.GetLatestAsync(subject, "marketing"));
        }

        using (tenants.Begin("globex"))
        {
            Assert.Empty(await store.GetLatestAsync(subject, "marketing"));
        }

        Assert.Empty(await store.GetHistoryAsync(subject));
    }
}
