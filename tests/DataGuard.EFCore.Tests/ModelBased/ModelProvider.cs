namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The database a generated model runs on.</summary>
public enum ModelProvider
{
    Sqlite,
    Postgres,
}
