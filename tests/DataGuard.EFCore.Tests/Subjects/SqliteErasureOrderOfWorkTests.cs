using DataGuard.EFCore.Tests.ModelBased;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The order-of-work stories on SQLite, each in a database file of its own.</summary>
public sealed class SqliteErasureOrderOfWorkTests : ErasureOrderOfWorkScenarios
{
    private protected override ModelProvider Provider => ModelProvider.Sqlite;
}
