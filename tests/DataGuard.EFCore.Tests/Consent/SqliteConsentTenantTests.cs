using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class SqliteConsentTenantTests(SqliteConsentDatabase database) : ConsentTenantTests, IClassFixture<SqliteConsentDatabase>
{
    protected override void ConfigureDb(DbContextOptionsBuilder options) => database.Configure(options);
}
