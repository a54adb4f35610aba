using INeedsPostgres = DataGuard.EFCore.Tests.Consent.INeedsPostgres;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class PostgresOpenRequestQueueTests(PostgresRequestsDatabase database) : OpenRequestQueueScenarios(database),
    IClassFixture<PostgresRequestsDatabase>, INeedsPostgres;
