using DataGuard.EFCore.Retention;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tenants;
using DataGuard.Tests.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>DataGuard's request store, erasure reports and legal holds per tenant: from one tenant's context nothing of
/// another tenant is found, listed, counted, changed or released, even by its id; work without a tenant sees only rows
/// without one. Each test uses tenants of its own, so counts are exact in the class's shared database.</summary>
public abstract class SubjectRequestTenantScenarios(RequestsDatabase database)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _acme = "acme-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _globex = "globex-" + Guid.NewGuid().ToString("N")[..8];
    private readonly SubjectId _subject = new(Guid.NewGuid().ToString());

    [StoreFact]
    public async Task A_request_of_one_tenant_is_not_found_listed_paged_counted_or_updated_from_another()
    {
        await using var services = database.Services();
        var tenants = services.GetRequiredService<ITenantContext>();
        var acmes = NewRequest();
        var globexs = NewRequest();
        using (tenants.Begin(_acme))
        {
            await InScopeAsync(services, s => s.AddAsync(acmes));
        }

        using (tenants.Begin(_globex))
        {
            await InScopeAsync(services, s => s.AddAsync(globexs));
            Assert.Null(await InScopeAsync(services, s => s.FindAsync(acmes.Id)));
            Assert.Equal([globexs.Id], (await InScopeAsync(services, s => s.GetForSubjectAsync(_subject))).Select(r => r.Id));
            Assert.Equal([globexs.Id], (await InScopeAsync(services, s => s.GetOverdueAsync(DateTimeOffset.MaxValue))).Select(r => r.Id));
            Assert.Equal(
                [globexs.Id],
                (await InScopeAsync(services, s => ((IOpenRequestQueries)s).GetOpenPageAsync(new OpenRequestQuery(null, null, null, 10), default)))
                    .Select(r => r.Id));
            Assert.Equal(1, await InScopeAsync(services, s => ((IOpenRequestQueries)s).CountOpenAsync(null, default)));
            Assert.False(await InScopeAsync(services, s => s.TryUpdateAsync(Rejected(acmes), acmes.Version)));
        }

        using (tenants.Begin(_acme))
        {
            var stored = await InScopeAsync(services, s => s.FindAsync(acmes.Id));
            Assert.Equal(SubjectRequestStatus.Received, stored!.Status);
            Assert.Equal(1, stored.Version);
            Assert.Equal(1, await InScopeAsync(services, s => ((IOpenRequestQueries)s).CountOpenAsync(null, default)));
            Assert.True(await InScopeAsync(services, s => s.TryUpdateAsync(Rejected(acmes), acmes.Version)));
        }

        Assert.Null(await InScopeAsync(services, s => s.FindAsync(acmes.Id)));
        Assert.Empty(await InScopeAsync(services, s => s.GetForSubjectAsync(_subject)));
    }

    [StoreFact]
    public async Task An_erasure_report_is_found_only_from_the_tenant_it_was_stored_for()
    {
        await using var services = database.Services();
        var tenants = services.GetRequiredService<ITenantContext>();
        var requestId = Guid.NewGuid();
        using (tenants.Begin(_acme))
        {
            await InScopeAsync(services, s => ((IErasureReportStore)s).SaveReportAsync(new StoredErasureReport(requestId, [1, 2, 3], null, Start), default));
            Assert.NotNull(await InScopeAsync(services, s => ((IErasureReportStore)s).FindReportAsync(requestId, default)));
        }

        using (tenants.Begin(_globex))
        {
            Assert.Null(await InScopeAsync(services, s => ((IErasureReportStore)s).FindReportAsync(requestId, default)));
        }

        Assert.Null(await InScopeAsync(services, s => ((IErasureReportStore)s).FindReportAsync(requestId, default)));
    }

    [StoreFact]
    public async Task A_legal_hold_of_one_tenant_is_not_listed_read_by_erasure_or_released_from_another()
    {
        await using var services = database.Services();
        var tenants = services.GetRequiredService<ITenantContext>();
        var holds = services.GetRequiredService<ILegalHoldService>();
        LegalHold hold;
        using (tenants.Begin(_acme))
        {
            hold = await holds.PlaceOnSubjectAsync(_subject, "case 7", "officer");
        }

        using (tenants.Begin(_globex))
        {
            Assert.DoesNotContain(await holds.GetActiveAsync(), h => h.Id == hold.Id);
            Assert.DoesNotContain(await ActiveForRetentionAsync(services), h => h.Id == hold.Id);
            Assert.False(await holds.ReleaseAsync(hold.Id, "intruder"));
        }

        Assert.DoesNotContain(await holds.GetActiveAsync(), h => h.Id == hold.Id);
        Assert.DoesNotContain(await ActiveForRetentionAsync(services), h => h.Id == hold.Id);
        using (tenants.Begin(_acme))
        {
            Assert.Contains(await holds.GetActiveAsync(), h => h.Id == hold.Id && h.Subject == _subject);
            Assert.Contains(await ActiveForRetentionAsync(services), h => h.Id == hold.Id);
            Assert.True(await holds.ReleaseAsync(hold.Id, "officer"));
        }
    }

    private static async Task<List<LegalHoldRecord>> ActiveForRetentionAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await EntityFrameworkLegalHoldService<RequestsDb>.ActiveAsync(scope.ServiceProvider.GetRequiredService<RequestsDb>(), default);
    }

    private SubjectRequest NewRequest() => new()
    {
        Id = Guid.NewGuid(),
        SubjectId = _subject,
        Kind = SubjectRequestKind.Erasure,
        Status = SubjectRequestStatus.Received,
        ReceivedAt = Start.AddDays(-30),
        DueAt = Start,
        History = [new SubjectRequestChange { Action = SubjectRequestAction.Received, At = Start.AddDays(-30), Actor = "test" }],
    };

    private static SubjectRequest Rejected(SubjectRequest request) => new()
    {
        Id = request.Id,
        SubjectId = request.SubjectId,
        Kind = request.Kind,
        Status = SubjectRequestStatus.Rejected,
        ReceivedAt = request.ReceivedAt,
        DueAt = request.DueAt,
        History =
        [
            .. request.History,
            new SubjectRequestChange { Action = SubjectRequestAction.Rejected, At = request.DueAt, Actor = "test", Reason = "closed" },
        ],
    };

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<ISubjectRequestStore, ValueTask<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>());
    }

    private static async Task InScopeAsync(IServiceProvider services, Func<ISubjectRequestStore, ValueTask> action)
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>());
    }
}
