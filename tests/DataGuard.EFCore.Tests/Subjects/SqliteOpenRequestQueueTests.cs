namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteOpenRequestQueueTests(SqliteRequestsDatabase database) : OpenRequestQueueScenarios(database), IClassFixture<SqliteRequestsDatabase>;
