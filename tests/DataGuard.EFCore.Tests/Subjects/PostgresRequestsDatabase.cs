namespace DataGuard.EFCore.Tests.Subjects;

public sealed class PostgresRequestsDatabase() : RequestsDatabase(postgres: true);
