namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SqliteRequestsDatabase() : RequestsDatabase(postgres: false);
