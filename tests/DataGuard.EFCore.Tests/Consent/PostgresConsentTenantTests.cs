using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class PostgresConsentTenantTests(PostgresConsentDatabase database) : ConsentTenantTests, IClassFixture<PostgresConsentDatabase>, INeedsPostgres
{
    protected override void ConfigureDb(DbContextOptionsBuilder options) => database.Configure(options);
}
