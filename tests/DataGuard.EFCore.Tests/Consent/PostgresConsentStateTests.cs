using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class PostgresConsentStateTests(PostgresConsentDatabase database) : ConsentStateTests, IClassFixture<PostgresConsentDatabase>, INeedsPostgres
{
    protected override void ConfigureDb(DbContextOptionsBuilder options) => database.Configure(options);

    [StoreFact]
    public async Task The_consent_table_has_the_index_the_check_reads()
    {
        await using var host = NewHost();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsentDb>();
        var indexes = await db.Database
            .SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'DataGuardConsentRecords'")
            .ToListAsync();
        Assert.Contains(indexes, def => def.Contains("(\"TenantId\", \"SubjectId\", \"Purpose\", \"Id\")", StringComparison.Ordinal));
    }
}
