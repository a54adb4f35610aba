using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tenants;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataGuard.Tests.Subjects.Requests;

public sealed class InMemorySubjectRequestStoreTenantTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_request_of_one_tenant_is_not_found_listed_or_updated_from_another()
    {
        var tenants = new TenantContext(NullLogger<TenantContext>.Instance);
        var store = new InMemorySubjectRequestStore(tenants);
        var request = new SubjectRequest
        {
            Id = Guid.NewGuid(),
            SubjectId = new SubjectId("subject-1"),
            Kind = SubjectRequestKind.Access,
            Status = SubjectRequestStatus.Received,
            ReceivedAt = Start,
            DueAt = Start,
            History = [new SubjectRequestChange { Action = SubjectRequestAction.Received, At = Start, Actor = "test" }],
        };
        using (tenants.Begin("acme"))
        {
            await store.AddAsync(request);
        }

        using (tenants.Begin("globex"))
        {
            Assert.Null(await store.FindAsync(request.Id));
            Assert.Empty(await store.GetForSubjectAsync(request.SubjectId));
            Assert.Empty(await store.GetOverdueAsync(DateTimeOffset.MaxValue));
            Assert.False(await store.TryUpdateAsync(Started(request), request.Version));
        }

        Assert.Null(await store.FindAsync(request.Id));
        using (tenants.Begin("acme"))
        {
            Assert.Same(request, await store.FindAsync(request.Id));
            Assert.True(await store.TryUpdateAsync(Started(request), request.Version));
        }
    }

    private static SubjectRequest Started(SubjectRequest request) => new()
    {
        Id = request.Id,
        SubjectId = request.SubjectId,
        Kind = request.Kind,
        Status = SubjectRequestStatus.InProgress,
        ReceivedAt = request.ReceivedAt,
        DueAt = request.DueAt,
        History = [.. request.History, new SubjectRequestChange { Action = SubjectRequestAction.Started, At = Start, Actor = "test" }],
    };
}
