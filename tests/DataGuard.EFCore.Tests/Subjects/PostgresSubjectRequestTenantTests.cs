using INeedsPostgres = DataGuard.EFCore.Tests.Consent.INeedsPostgres;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class PostgresSubjectRequestTenantTests(PostgresRequestsDatabase database)
    : SubjectRequestTenantScenarios(database), IClassFixture<PostgresRequestsDatabase>, INeedsPostgres;
