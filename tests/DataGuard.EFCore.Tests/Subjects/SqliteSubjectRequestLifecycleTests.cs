using DataGuard.DependencyInjection;
using DataGuard.EFCore.Subjects;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tests.Subjects.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteSubjectRequestLifecycleTests(SqliteRequestsDatabase database) : SubjectRequestLifecycleTests, IClassFixture<SqliteRequestsDatabase>
{
    protected override void AddStore(IDataGuardBuilder builder)
    {
        builder.UseEntityFrameworkStores<RequestsDb>();
        builder.Services.AddDbContext<RequestsDb>((sp, o) => database.Configure(o.UseDataGuard(sp)));
    }

    [Fact]
    public async Task Requests_and_their_history_live_in_DataGuards_tables_and_nothing_stays_tracked()
    {
        await using var services = BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
        var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();

        var request = await requests.ReceiveAsync(Guid.NewGuid(), SubjectRequestKind.Rectification, "staff");
        await requests.VerifyIdentityAsync(request, "staff");

        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal("DataGuardSubjectRequests", db.Model.FindEntityType(typeof(SubjectRequestRow))!.GetTableName());
        Assert.Equal(2, await db.Set<SubjectRequestChangeRow>().CountAsync(c => c.RequestId == request.Id));
        Assert.Equal("IdentityVerified",
            await db.Database.SqlQuery<string>($"SELECT \"Status\" AS \"Value\" FROM \"DataGuardSubjectRequests\" WHERE \"Id\" = {request.Id}").SingleAsync());
    }

    [Fact]
    public async Task A_stale_write_through_the_store_changes_nothing()
    {
        await using var services = BuildServices();
        var request = await InScopeAsync(services, r => r.ReceiveAsync(Guid.NewGuid(), SubjectRequestKind.Access, "subject"));
        var verified = await InScopeAsync(services, r => r.VerifyIdentityAsync(request, "verifier"));
        var staleRejection = new SubjectRequest
        {
            Id = request.Id,
            SubjectId = request.SubjectId,
            Kind = request.Kind,
            Status = SubjectRequestStatus.Rejected,
            ReceivedAt = request.ReceivedAt,
            DueAt = request.DueAt,
            History = [.. request.History,
                new SubjectRequestChange { Action = SubjectRequestAction.Rejected, At = request.ReceivedAt, Actor = "staff", Reason = "stale" }],
        };

        await using var scope = services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>().TryUpdateAsync(staleRejection, expectedVersion: 1);

        Assert.False(stored);
        var now = await InScopeAsync(services, r => r.FindAsync(request.Id));
        Assert.Equal((SubjectRequestStatus.IdentityVerified, verified.Version), (now!.Status, now.Version));
        Assert.Equal([SubjectRequestAction.Received, SubjectRequestAction.IdentityVerified], now.History.Select(c => c.Action));
    }
}
