namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteSubjectRequestTenantTests(SqliteRequestsDatabase database)
    : SubjectRequestTenantScenarios(database), IClassFixture<SqliteRequestsDatabase>;
