namespace DataGuard.Testing;

/// <summary>A fact that needs a real PostgreSQL server. Without DATAGUARD_TEST_POSTGRES it is reported as skipped with
/// the reason; with it, an unreachable server fails the test (it never passes silently).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    private const string MissingServer = "needs PostgreSQL: set DATAGUARD_TEST_POSTGRES to a connection string (.ci/run does).";

    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.AdminConnectionString is null)
        {
            Skip = MissingServer;
        }
    }
}
