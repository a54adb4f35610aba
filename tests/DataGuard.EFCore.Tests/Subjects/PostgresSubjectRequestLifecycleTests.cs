using INeedsPostgres = DataGuard.EFCore.Tests.Consent.INeedsPostgres;
using DataGuard.DependencyInjection;
using DataGuard.Subjects;
using DataGuard.Tests.Subjects.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class PostgresSubjectRequestLifecycleTests(PostgresRequestsDatabase database) : SubjectRequestLifecycleTests,
    IClassFixture<PostgresRequestsDatabase>, INeedsPostgres
{
    protected override void AddStore(IDataGuardBuilder builder)
    {
        builder.UseEntityFrameworkStores<RequestsDb>();
        builder.Services.AddDbContext<RequestsDb>((sp, o) => database.Configure(o.UseDataGuard(sp)));
    }

    [StoreFact]
    public async Task The_request_table_has_the_indexes_the_subject_and_overdue_queries_read()
    {
        await using var services = BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();

        var indexes = await db.Database
            .SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'DataGuardSubjectRequests'")
            .ToListAsync();

        Assert.Contains(indexes, def => def.Contains("(\"TenantId\", \"SubjectId\", \"ReceivedAt\")", StringComparison.Ordinal));
        Assert.Contains(indexes, def => def.Contains("(\"TenantId\", \"Status\", \"DueAt\")", StringComparison.Ordinal));
    }
}
